using System.Diagnostics;
using System.Text.Json;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>
/// Imports a file in headless Blender (Debian's 3.4) and reports meshes, materials and images.
/// Blender is a test prerequisite (the repo's test command installs it): its absence fails, never skips.
/// </summary>
public static class Blender
{
    public const string Executable = "/usr/bin/blender";

    private const string Script = """
        import bpy, sys, os, json
        path = sys.argv[sys.argv.index("--") + 1]
        try:
            import numpy
            numpy.bool = bool  # Blender 3.4's glTF code predates numpy 1.24
        except ImportError:
            pass
        bpy.ops.wm.read_factory_settings(use_empty=True)
        ext = os.path.splitext(path)[1].lower()
        if ext == ".fbx":
            result = bpy.ops.import_scene.fbx(filepath=path)
        elif ext == ".obj":
            result = bpy.ops.wm.obj_import(filepath=path)
        else:
            raise SystemExit("unsupported " + ext)
        meshes = [o for o in bpy.data.objects if o.type == 'MESH']
        report = {
            "result": sorted(result),
            "meshes": len(meshes),
            "polygons": sum(len(o.data.polygons) for o in meshes),
            "uv_layers": sum(len(o.data.uv_layers) for o in meshes),
            "materials": sorted({s.material.name for o in meshes for s in o.material_slots if s.material}),
            "images": [],
            "texture_nodes": 0,
        }
        for m in bpy.data.materials:
            if m.use_nodes:
                report["texture_nodes"] += sum(1 for n in m.node_tree.nodes if n.type == 'TEX_IMAGE' and n.image)
        for img in bpy.data.images:
            if img.type != 'IMAGE':
                continue
            fp = bpy.path.abspath(img.filepath)
            report["images"].append({"name": img.name, "packed": img.packed_file is not None,
                                     "on_disk": bool(fp) and os.path.isfile(fp), "width": img.size[0], "height": img.size[1]})
        print("BLENDER_REPORT " + json.dumps(report))
        """;

    public static async Task<JsonElement> ImportAsync(string file)
    {
        Assert.True(File.Exists(Executable),
            $"Blender is required for the FBX/OBJ import tests but {Executable} is missing: install it with 'apt-get install -y blender python3-numpy'.");
        var script = Path.Combine(Path.GetTempPath(), $"meshy-import-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-b", "--factory-startup", "--python-exit-code", "1", "--python", script, "--", file }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Blender did not finish importing {file} within 120 s");
            }
            var output = await stdout;
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BLENDER_REPORT ", StringComparison.Ordinal));
            Assert.True(process.ExitCode == 0 && line is not null,
                $"Blender failed on {file} (exit {process.ExitCode}):\n{output}\n{await stderr}");
            return JsonDocument.Parse(line!["BLENDER_REPORT ".Length..]).RootElement.Clone();
        }
        finally
        {
            File.Delete(script);
        }
    }
}
