using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Meshy3D.Scoring.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (no connection is opened).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ScoringDbContext>
{
    public ScoringDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ScoringDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
