using System.Diagnostics;

namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// Debian's PostgreSQL as a local process. postgres refuses to run as root, so initdb and the server run
/// as the postgres user (setpriv keeps the PID, so DCP holds the server itself and stops it cleanly).
/// </summary>
static class LocalPostgres
{
    const string User = "postgres";

    public static IResourceBuilder<LocalServerResource> Add(IDistributedApplicationBuilder builder, string dataRoot, bool fast)
    {
        var bin = FindBinaries();
        var password = LocalProcessPlatform.Secret(dataRoot, "postgres");
        var cluster = ClusterFolder(dataRoot);
        EnsureCluster(bin, cluster, password);

        var server = new LocalServerResource("postgres", "/usr/bin/setpriv", cluster, pg => ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={pg.Endpoint("tcp").Property(EndpointProperty.Port)};Username={User};Password={password}"));
        return builder.AddResource(server)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--reuid=postgres");
                context.Args.Add("--regid=postgres");
                context.Args.Add("--init-groups");
                context.Args.Add(Path.Combine(bin, "postgres"));
                foreach (var arg in new[] { "-D", Path.Combine(cluster, "data"), "-c", "listen_addresses=127.0.0.1", "-k", "", "-c", "max_connections=300" })
                    context.Args.Add(arg);
                if (fast)
                    foreach (var arg in new[] { "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off" })
                        context.Args.Add(arg);
                context.Args.Add("-p");
                context.Args.Add(server.Endpoint("tcp").Property(EndpointProperty.TargetPort));
            })
            .WithTcpHealthCheck("tcp")
            .ExcludeFromManifest();
    }

    static string FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql: run ./run.sh (it installs Debian's postgresql).")
            : throw new InvalidOperationException("PostgreSQL is not installed: run ./run.sh (it installs Debian's postgresql).");

    /// <summary>
    /// The postgres user must be able to reach the cluster; a data root under a private folder (a home folder,
    /// a CI clone under mktemp) is not reachable, so the cluster then lives in /var/tmp, keyed by the data root.
    /// </summary>
    static string ClusterFolder(string dataRoot)
    {
        if (Run("runuser", ["-u", User, "--", "test", "-x", dataRoot]) == 0) return Path.Combine(dataRoot, "pg");
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataRoot)))[..12];
        var fallback = Path.Combine("/var/tmp", $"meshy3d-pg-{key}");
        File.WriteAllText(Path.Combine(dataRoot, "pg.location"), fallback + "\n");
        return fallback;
    }

    static void EnsureCluster(string bin, string cluster, string password)
    {
        var data = Path.Combine(cluster, "data");
        if (File.Exists(Path.Combine(data, "PG_VERSION"))) return;

        Directory.CreateDirectory(cluster);
        if (Run("chown", [$"{User}:{User}", cluster]) != 0) throw new InvalidOperationException($"Cannot give {cluster} to the postgres user (run as root).");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cluster, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.Combine(cluster, ".pw");
        File.WriteAllText(passwordFile, password);
        Run("chown", [$"{User}:{User}", passwordFile]);
        try
        {
            // Only C, C.UTF-8 and POSIX exist here; without these flags initdb makes a SQL_ASCII cluster.
            var exit = Run("runuser", ["-u", User, "--", Path.Combine(bin, "initdb"), "-D", data, "-U", User, $"--pwfile={passwordFile}",
                "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256"]);
            if (exit != 0) throw new InvalidOperationException($"initdb failed for {data} (exit {exit}).");
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    static int Run(string command, string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) Console.Error.WriteLine($"{command} {string.Join(' ', args)}: {errors}");
        return process.ExitCode;
    }
}
