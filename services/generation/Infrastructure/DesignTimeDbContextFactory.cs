using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Meshy3D.Generation.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (no connection is opened).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GenerationDbContext>
{
    public GenerationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GenerationDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
