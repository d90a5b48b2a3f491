using System.Text.Json;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>
/// One preview and one PBR refine of the same prompt, every format, downloaded the way a client
/// would (signed URLs, no key) into a temp folder per task. Shared by the file-validity tests.
/// </summary>
public sealed class ModelFilesFixture : IAsyncLifetime
{
    public const int Polycount = 3000;

    private EmulatorHost? _emulator;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"meshy-emulator-files-{Guid.NewGuid():N}");
    public string PreviewFolder => Path.Combine(Folder, "preview");
    public string RefineFolder => Path.Combine(Folder, "refine");
    /// <summary>The refined FBX alone, to prove its textures are embedded.</summary>
    public string LoneFbxFolder => Path.Combine(Folder, "fbx-alone");
    public JsonElement Preview { get; private set; }
    public JsonElement Refine { get; private set; }

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync("Emulator:TextureSize=256");
        var preview = await _emulator.CreatePreviewAsync("a red wooden chair", Polycount, formats: ["glb", "obj", "fbx", "usdz", "stl"]);
        Preview = await _emulator.WaitForTerminalAsync(preview);
        var refine = await _emulator.CreateRefineAsync(preview, pbr: true);
        Refine = await _emulator.WaitForTerminalAsync(refine, TimeSpan.FromSeconds(60));
        Assert.Equal("SUCCEEDED", Refine.GetProperty("status").GetString());
        await DownloadAsync(Preview, PreviewFolder);
        await DownloadAsync(Refine, RefineFolder);
        Directory.CreateDirectory(LoneFbxFolder);
        File.Copy(Path.Combine(RefineFolder, "model.fbx"), Path.Combine(LoneFbxFolder, "model.fbx"));
    }

    private async Task DownloadAsync(JsonElement task, string folder)
    {
        Directory.CreateDirectory(folder);
        var urls = task.GetProperty("model_urls").EnumerateObject().Select(p => p.Value.GetString()!).ToList();
        urls.AddRange(task.GetProperty("texture_urls").EnumerateArray().SelectMany(t => t.EnumerateObject()).Select(p => p.Value.GetString()!));
        urls.Add(task.GetProperty("thumbnail_url").GetString()!);
        foreach (var url in urls)
        {
            var response = await _emulator!.Anonymous.GetAsync(url);
            response.EnsureSuccessStatusCode();
            var name = Path.GetFileName(new Uri(url).AbsolutePath);
            await File.WriteAllBytesAsync(Path.Combine(folder, name), await response.Content.ReadAsByteArrayAsync());
        }
    }

    public string PreviewFile(string name) => Path.Combine(PreviewFolder, name);
    public string RefineFile(string name) => Path.Combine(RefineFolder, name);

    public async Task DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
