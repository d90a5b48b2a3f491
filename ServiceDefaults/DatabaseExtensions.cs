using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
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
            .AddInterceptors(new OutboxSignal.Interceptor(sp.GetRequiredService<OutboxSignal>())));
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
            await EnsureDatabaseAsync(db, cancellationToken);
            // Replicas start together: one migrates while the others wait on a session-level advisory lock,
            // then find nothing left to do. The lock lives on this open connection, which MigrateAsync reuses.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            logger.LogInformation("Database of {Context} is up to date.", typeof(TContext).Name);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        const long MigrationLock = 0x4d65736879_00;

        /// <summary>Creates the database if it is missing; another replica creating it at the same moment is fine.</summary>
        static async Task EnsureDatabaseAsync(TContext db, CancellationToken cancellationToken)
        {
            var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
            if (await creator.ExistsAsync(cancellationToken)) return;
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState is "42P04" or "23505")
            {
                // duplicate_database / unique_violation: the other replica won the race.
            }
        }
    }
}
