using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("--OpenAIEmulator:DefaultLanguage=fr", "DefaultLanguage")]
    [InlineData("--OpenAIEmulator:MaxVariants=50", "MaxVariants")]
    [InlineData("--OpenAIEmulator:MaxPromptLength=10", "MaxPromptLength")]
    public async Task Invalid_options_stop_the_emulator_at_start_up(string setting, string key)
    {
        await using var app = OpenAIEmulator.CreateApp(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", setting]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));
        Assert.Contains(key, failure.Message);
    }

    [Fact]
    public async Task Requiring_a_key_with_no_way_to_pass_is_refused()
    {
        await using var app = OpenAIEmulator.CreateApp(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=None", "--OpenAIEmulator:ApiKeyPrefix="]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));
        Assert.Contains("RequireApiKey", failure.Message);
    }
}
