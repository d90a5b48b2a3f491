using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;

namespace Meshy3D.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class GatewayTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_site_is_served_at_the_root()
    {
        using var browser = platform.NewBrowser();
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Meshy3D</title>", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("prompt", "/api/prompts/enhance")]
    [InlineData("generation", "/api/generations")]
    [InlineData("storage", "/api/models")]
    [InlineData("scoring", "/api/scores/0198f7a0-0000-7000-8000-000000000000")]
    public async Task A_service_refuses_a_request_that_did_not_come_through_the_gateway(string service, string path)
    {
        using var direct = platform.App.CreateHttpClient(service, "http");
        direct.DefaultRequestHeaders.Authorization = new("Bearer", "forged.token.value");
        var response = path.EndsWith("enhance")
            ? await direct.PostAsJsonAsync(path, new { prompt = "a chair" })
            : await direct.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Every_service_reports_its_dependencies_healthy()
    {
        foreach (var service in new[] { "prompt", "generation", "storage", "scoring", "gateway" })
        {
            using var client = platform.App.CreateHttpClient(service, service == "gateway" ? "public" : "http");
            var health = await client.GetAsync("/health");
            Assert.True(health.StatusCode == HttpStatusCode.OK, $"{service}: {await health.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task The_browser_reaches_the_gateway_without_a_proxy_in_between()
    {
        // Behind DCP's proxy the gateway would listen on another port than the one browsers use.
        var gateway = await RunningAsync("gateway");
        var urls = gateway.EnvironmentVariables.Single(v => v.Name == "ASPNETCORE_URLS").Value;
        Assert.Equal(platform.GatewayUrl.Port, new Uri(urls!.Split(';')[0]).Port);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("prompt")]
    [InlineData("generation")]
    [InlineData("storage")]
    [InlineData("scoring")]
    public async Task Without_a_dashboard_a_service_records_no_telemetry(string service)
    {
        var running = await RunningAsync(service);
        Assert.Contains(running.EnvironmentVariables, v => v.Name == "OTEL_SDK_DISABLED" && v.Value == "true");
    }

    async Task<Aspire.Hosting.ApplicationModel.CustomResourceSnapshot> RunningAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = await platform.App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == Aspire.Hosting.ApplicationModel.KnownResourceStates.Running, timeout.Token);
        return running.Snapshot;
    }

    [Fact]
    public async Task A_browser_keeps_its_anonymous_identity_across_requests()
    {
        using var browser = platform.NewBrowser();
        var created = await browser.PostAsJsonAsync("/api/generations", new { prompt = "a blue sphere", enhance = false });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Contains(created.Headers.GetValues("Set-Cookie"), c => c.StartsWith("meshy3d.caller=") && c.Contains("httponly"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(created.Headers.Location)).StatusCode);
    }
}
