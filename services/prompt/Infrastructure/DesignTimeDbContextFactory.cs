using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Meshy3D.Prompt.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (no connection is opened).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PromptDbContext>
{
    public PromptDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PromptDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
