namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// RabbitMQ as a private node: its own node name, ports, HOME (Erlang cookie), mnesia and log folders,
/// and its own epmd on an allocated port, so nothing outlives the run on the shared port 4369.
/// </summary>
static class LocalRabbitMq
{
    const string User = "meshy3d";
    const string Bin = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static (IResourceBuilder<ExecutableResource> Epmd, IResourceBuilder<LocalServerResource> Node) Add(
        IDistributedApplicationBuilder builder, string dataRoot)
    {
        if (!File.Exists(Bin)) throw new InvalidOperationException("RabbitMQ is not installed: run ./run.sh (it installs Debian's rabbitmq-server).");

        var root = Path.Combine(dataRoot, "rabbitmq");
        var home = Path.Combine(root, "home");
        foreach (var dir in new[] { home, Path.Combine(root, "mnesia"), Path.Combine(root, "log") }) Directory.CreateDirectory(dir);
        var password = LocalProcessPlatform.Secret(dataRoot, "rabbitmq");
        // default_user/default_pass apply on first boot only; the password file keeps them stable afterwards.
        File.WriteAllText(Path.Combine(root, "rabbitmq.conf"), $"""
            loopback_users = none
            default_user = {User}
            default_pass = {password}
            default_vhost = /
            log.file = rabbit.log
            log.console = false
            """);
        File.WriteAllText(Path.Combine(root, "enabled_plugins"), "[].");
        File.WriteAllText(Path.Combine(root, "rabbitmq-env.conf"), "");
        // Two AppHosts on one machine (parallel test classes) need different node names.
        var nodeName = $"meshy3d-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataRoot)))[..8]}@localhost";

        var epmd = builder.AddExecutable("epmd", "/usr/lib/erlang/bin/epmd", root)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false, env: "ERL_EPMD_PORT")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithTcpHealthCheck("tcp")
            .ExcludeFromManifest();

        var node = new LocalServerResource(Platform.RabbitMqName, Bin, root, rabbit => ReferenceExpression.Create(
            $"amqp://{User}:{password}@127.0.0.1:{rabbit.Endpoint("amqp").Property(EndpointProperty.Port)}"));
        var rabbitMq = builder.AddResource(node)
            .WithEndpoint(name: "amqp", scheme: "tcp", isProxied: false, env: "RABBITMQ_NODE_PORT")
            .WithEndpoint(name: "dist", scheme: "tcp", isProxied: false, env: "RABBITMQ_DIST_PORT")
            .WithEnvironment(env =>
            {
                env.EnvironmentVariables["ERL_EPMD_PORT"] = epmd.Resource.GetEndpoint("tcp").Property(EndpointProperty.TargetPort);
                env.EnvironmentVariables["ERL_EPMD_ADDRESS"] = "127.0.0.1";
                env.EnvironmentVariables["HOME"] = home;
                env.EnvironmentVariables["RUNNING_UNDER_SYSTEMD"] = "true"; // the script then execs erl, so DCP holds beam itself
                env.EnvironmentVariables["RABBITMQ_NODENAME"] = nodeName;
                env.EnvironmentVariables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env.EnvironmentVariables["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia");
                env.EnvironmentVariables["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log");
                env.EnvironmentVariables["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf");
                env.EnvironmentVariables["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
                env.EnvironmentVariables["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf");
                env.EnvironmentVariables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} -start_epmd false";
            })
            .WithTcpHealthCheck("amqp")
            .WaitFor(epmd)
            .ExcludeFromManifest();
        return (epmd, rabbitMq);
    }
}
