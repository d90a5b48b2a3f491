using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Meshy3D.Storage.Infrastructure;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the service (no connection is opened).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StorageDbContext>
{
    public StorageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StorageDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
