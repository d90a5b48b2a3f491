using System.Numerics;
using Meshy3D.Emulators.Meshy.Modelling;
using SharpGLTF.Schema2;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>The model follows the prompt: shape words pick geometry, colour words (English and Korean) the texture.</summary>
public sealed class PromptModellingTests
{
    [Theory]
    [InlineData("a wooden chair", ShapeKind.Chair)]
    [InlineData("나무 의자", ShapeKind.Chair)]
    [InlineData("an old oak table", ShapeKind.Table)]
    [InlineData("a tall pine tree", ShapeKind.Tree)]
    [InlineData("초록 나무", ShapeKind.Tree)]
    [InlineData("a shiny ball", ShapeKind.Sphere)]
    [InlineData("a red teapot", ShapeKind.Teapot)]
    [InlineData("a clay pot", ShapeKind.Vase)]
    [InlineData("a mossy stone well", ShapeKind.Well)]
    [InlineData("이끼 낀 돌 우물", ShapeKind.Well)]
    [InlineData("a small cottage", ShapeKind.House)]
    [InlineData("a knight's sword", ShapeKind.Sword)]
    [InlineData("검은 자동차", ShapeKind.Car)]
    [InlineData("a sports car", ShapeKind.Car)]
    [InlineData("a wooden crate", ShapeKind.Box)]
    [InlineData("something abstract", ShapeKind.Blob)]
    public void Shape_words_pick_the_shape(string prompt, ShapeKind expected) =>
        Assert.Equal(expected, PromptInterpreter.Interpret(prompt).Shape);

    [Theory]
    [InlineData("a red chair", 200, 32, 36)]
    [InlineData("빨간 의자", 200, 32, 36)]
    [InlineData("a blue ball", 36, 84, 210)]
    [InlineData("파란 공", 36, 84, 210)]
    [InlineData("초록 우물", 46, 150, 60)]
    [InlineData("노란 자동차", 236, 200, 40)]
    [InlineData("흰 찻주전자", 236, 236, 232)]
    [InlineData("갈색 탁자", 120, 78, 44)]
    [InlineData("a golden sword", 212, 168, 55)]
    public void Colour_words_paint_the_primary_surface(string prompt, byte r, byte g, byte b) =>
        Assert.Equal(new Rgb(r, g, b), PromptInterpreter.Interpret(prompt).Primary.Color);

    [Fact]
    public void Mossy_and_gold_change_the_material_not_just_the_colour()
    {
        Assert.True(PromptInterpreter.Interpret("a mossy stone well").Primary.Mossy);
        Assert.Equal(1f, PromptInterpreter.Interpret("a gold vase").Primary.Metallic);
    }

    private static async Task<ModelRoot> PreviewGlbAsync(EmulatorHost emulator, string prompt, int polycount)
    {
        var id = await emulator.CreatePreviewAsync(prompt, polycount);
        var task = await emulator.WaitForTerminalAsync(id);
        var bytes = await emulator.Anonymous.GetByteArrayAsync(task.GetProperty("model_urls").GetProperty("glb").GetString());
        return ModelRoot.ParseGLB(bytes);
    }

    private static (Vector3 Size, int Vertices, int Triangles) Measure(ModelRoot model)
    {
        var primitive = model.LogicalMeshes[0].Primitives[0];
        var positions = primitive.GetVertexAccessor("POSITION").AsVector3Array();
        var min = positions.Aggregate(new Vector3(float.MaxValue), Vector3.Min);
        var max = positions.Aggregate(new Vector3(float.MinValue), Vector3.Max);
        return (max - min, positions.Count, primitive.GetIndices().Count / 3);
    }

    [Fact]
    public async Task A_chair_and_a_sphere_have_different_geometry()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var chair = Measure(await PreviewGlbAsync(emulator, "a chair", 2000));
        var sphere = Measure(await PreviewGlbAsync(emulator, "a sphere", 2000));
        Assert.Equal(1f, sphere.Size.X, 0.01f);
        Assert.Equal(1f, sphere.Size.Y, 0.01f);
        Assert.True(chair.Size.Y > 0.9f && chair.Size.X < 0.6f, $"chair {chair.Size}");
        Assert.NotEqual(chair.Vertices, sphere.Vertices);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(5000)]
    [InlineData(40000)]
    public async Task Target_polycount_is_roughly_honoured(int target)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        foreach (var prompt in new[] { "a teapot", "a house" })
        {
            var triangles = Measure(await PreviewGlbAsync(emulator, prompt, target)).Triangles;
            Assert.True(triangles >= target / 2 && triangles <= target * 2, $"{prompt}: {triangles} triangles for a target of {target}");
        }
    }

    [Theory]
    [InlineData("a red chair", "a blue chair")]
    [InlineData("빨간 공", "파란 공")]
    public async Task Red_and_blue_prompts_give_red_and_blue_base_colour_textures(string redPrompt, string bluePrompt)
    {
        await using var emulator = await EmulatorHost.StartAsync();

        async Task<(double R, double G, double B)> BaseColourAsync(string prompt)
        {
            var preview = await emulator.CreatePreviewAsync(prompt, 500);
            await emulator.WaitForTerminalAsync(preview);
            var refine = await emulator.WaitForTerminalAsync(await emulator.CreateRefineAsync(preview, pbr: false, formats: ["glb"]));
            var url = refine.GetProperty("texture_urls")[0].GetProperty("base_color").GetString();
            return PngReader.Decode(await emulator.Anonymous.GetByteArrayAsync(url)).Average();
        }

        var red = await BaseColourAsync(redPrompt);
        var blue = await BaseColourAsync(bluePrompt);
        Assert.True(red.R > red.B + 30, $"red: {red}");
        Assert.True(blue.B > blue.R + 30, $"blue: {blue}");
    }

    [Fact]
    public async Task A_texture_prompt_repaints_the_refine()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var preview = await emulator.CreatePreviewAsync("a red ball", 500); // one part: the whole atlas is its colour
        await emulator.WaitForTerminalAsync(preview);
        var refine = await emulator.WaitForTerminalAsync(await emulator.CreateRefineAsync(preview, pbr: false, formats: ["glb"], texturePrompt: "deep blue glaze"));
        var colour = PngReader.Decode(await emulator.Anonymous.GetByteArrayAsync(refine.GetProperty("texture_urls")[0].GetProperty("base_color").GetString())).Average();
        Assert.True(colour.B > colour.R + 30, $"{colour}");
    }
}
