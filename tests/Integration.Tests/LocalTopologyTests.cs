using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Meshy3D.Integration.Tests;

/// <summary>The AppHost's model for the local run, built but not started.</summary>
public sealed class LocalTopologyTests : IDisposable
{
    readonly string _dataRoot = Path.Combine(Path.GetTempPath(), $"meshy3d-model-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public async Task Generation_sits_behind_a_proxy_only_when_several_instances_share_its_address(int instances, bool proxied)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Platform:DataRoot={_dataRoot}", "--Platform:Mode=Processes", "--GatewayPort=auto", $"--Generation:Replicas={instances}"], timeout.Token);

        var generation = builder.Resources.Single(r => r.Name == "generation");
        Assert.Equal(proxied, generation.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").IsProxied);
        Assert.Equal(instances, generation.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataRoot)) Directory.Delete(_dataRoot, recursive: true);
    }
}
