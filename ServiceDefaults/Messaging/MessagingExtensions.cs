using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from the <c>rabbitmq</c> connection string. Queues are prefixed with the
    /// service name, so each service gets its own durable copy of every event it consumes while the
    /// instances of one service compete on that queue.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        string connectionName = "rabbitmq")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is missing: the AppHost provides it.");

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            // MassTransit reports usage to its authors over the internet by default; nothing leaves the platform.
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                // Short in-process retries; longer waits are persisted by the service itself
                // (delayed redelivery needs a RabbitMQ plugin Debian does not ship).
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 2_000, 5_000));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }
}
