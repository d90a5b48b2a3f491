using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.UnitTests.Meshy;

public sealed class MeshyOptionsTests
{
    static readonly Dictionary<string, string?> Valid = new()
    {
        ["Meshy:BaseUrl"] = "https://api.meshy.ai",
        ["Meshy:ApiKey"] = "msy_test",
    };

    static async Task<Exception?> StartAsync(Dictionary<string, string?> change)
    {
        var builder = MeshyClientHost.NewBuilder(Valid, change);
        builder.AddMeshyClient();
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StartAsync(timeout.Token);
            await host.StopAsync(timeout.Token);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Theory]
    [InlineData("Meshy:BaseUrl", "")]
    [InlineData("Meshy:BaseUrl", "/relative")]
    [InlineData("Meshy:BaseUrl", "ftp://api.meshy.ai")]
    [InlineData("Meshy:ApiKey", " ")]
    [InlineData("Meshy:RequestsPerSecond", "0")]
    [InlineData("Meshy:MaxConcurrentTasks", "1001")]
    [InlineData("Meshy:MaxRetries", "11")]
    [InlineData("Meshy:RequestTimeout", "00:00:00")]
    [InlineData("Meshy:StreamIdleTimeout", "-00:00:01")]
    public async Task Bad_settings_stop_the_start(string key, string value)
    {
        var error = await StartAsync(new() { [key] = value });

        var invalid = Assert.IsType<OptionsValidationException>(error);
        Assert.Equal(typeof(MeshyOptions), invalid.OptionsType);
    }

    [Fact]
    public async Task Valid_settings_start_and_configure_the_client()
    {
        Assert.Null(await StartAsync(new() { ["Meshy:MaxRetries"] = "0", ["Meshy:RequestsPerSecond"] = "100" }));

        var builder = MeshyClientHost.NewBuilder(Valid, new() { ["Meshy:MaxConcurrentTasks"] = "30" });
        builder.AddMeshyClient();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<MeshyOptions>>().Value;

        Assert.Equal(new Uri("https://api.meshy.ai"), options.BaseUrl);
        Assert.Equal(30, options.MaxConcurrentTasks);
        Assert.Equal(20, options.RequestsPerSecond);
        Assert.NotNull(host.Services.GetRequiredService<MeshyClient>());
    }
}
