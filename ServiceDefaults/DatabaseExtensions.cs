using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database (Aspire's Npgsql integration: pooling, retries, health check,
    /// traces), its migrations applied at start-up, and the outbox dispatcher for its integration events.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext, IIntegrationEventStore
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is missing: the AppHost provides it.");

        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddDbContextPool<TContext>((sp, options) => options
            .UseNpgsql(connectionString)
            .AddInterceptors(
                new OutboxSignal.SaveChanges(sp.GetRequiredService<OutboxSignal>()),
                new OutboxSignal.Commit(sp.GetRequiredService<OutboxSignal>())));
        builder.EnrichNpgsqlDbContext<TContext>();

        // Registered before the bus, so consumers never meet a database without its tables.
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }

    sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
        where TContext : DbContext
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            using var activity = Meshy3DTelemetry.ActivitySource.StartActivity($"migrate {typeof(TContext).Name}");
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            // EF Core takes a database lock while migrating, so instances starting together are safe.
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database of {Context} is up to date.", typeof(TContext).Name);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
