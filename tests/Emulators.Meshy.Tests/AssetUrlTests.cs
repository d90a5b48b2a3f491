using System.Net;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>Signed, expiring asset URLs served by the emulator itself, fetched without the API key.</summary>
public sealed class AssetUrlTests
{
    private static async Task<(EmulatorHost Emulator, string Id, string GlbUrl)> FinishedPreviewAsync(params string[] settings)
    {
        var emulator = await EmulatorHost.StartAsync(settings);
        var id = await emulator.CreatePreviewAsync(polycount: 300);
        var task = await emulator.WaitForTerminalAsync(id);
        return (emulator, id, task.GetProperty("model_urls").GetProperty("glb").GetString()!);
    }

    [Fact]
    public async Task Urls_are_absolute_signed_and_downloadable_without_the_api_key()
    {
        var (emulator, id, url) = await FinishedPreviewAsync();
        await using var _ = emulator;
        var uri = new Uri(url);
        Assert.True(uri.IsAbsoluteUri);
        Assert.Equal(emulator.BaseAddress.Authority, uri.Authority);
        Assert.Contains(id, uri.AbsolutePath);
        Assert.Contains("Expires=", uri.Query);
        Assert.Contains("Signature=", uri.Query);
        var response = await emulator.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("model/gltf-binary", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("glTF"u8.ToArray(), (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Tampered_urls_get_403()
    {
        var (emulator, id, url) = await FinishedPreviewAsync();
        await using var _ = emulator;
        var signature = url[(url.IndexOf("Signature=", StringComparison.Ordinal) + 10)..];
        var flipped = (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        string[] tampered =
        [
            url.Replace(signature, flipped),
            url.Replace("model.glb", "preview.png"),
            url.Replace("Expires=", "Expires=9"),
            url[..url.IndexOf('?')],
        ];
        foreach (var bad in tampered)
        {
            var response = await emulator.Anonymous.GetAsync(bad);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{bad} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Expired_urls_get_403_and_re_reading_the_task_gives_fresh_ones()
    {
        var (emulator, id, url) = await FinishedPreviewAsync("Emulator:AssetUrlLifetime=00:00:01");
        await using var _ = emulator;
        var expires = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["Expires"]!);
        var wait = DateTimeOffset.FromUnixTimeSeconds(expires) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100);
        Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        await Task.Delay(wait);

        var expired = await emulator.Anonymous.GetAsync(url);
        Assert.Contains("expired", await EmulatorHost.AssertErrorAsync(expired, 403));

        var fresh = (await emulator.GetTaskAsync(id)).GetProperty("model_urls").GetProperty("glb").GetString()!;
        Assert.NotEqual(url, fresh);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Anonymous.GetAsync(fresh)).StatusCode);
    }

    [Fact]
    public async Task A_configured_public_base_url_is_used_for_asset_urls()
    {
        var (emulator, _, url) = await FinishedPreviewAsync("Emulator:PublicBaseUrl=https://meshy.example.test/emu");
        await using var _ = emulator;
        Assert.StartsWith("https://meshy.example.test/emu/assets/", url);
    }
}
