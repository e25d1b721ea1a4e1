using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Cli;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--port", "70000", "--port 70000: expected 0 to 65535")]
    [InlineData("--box-threshold", "1.5", "--box-threshold 1.5: expected a score in [0, 1]")]
    [InlineData("--max-upload-mb", "0", "--max-upload-mb 0: expected 1 to 1024")]
    [InlineData("--detector", "somewhere", "--detector needs --classifier too")]
    [InlineData("--host", "not-an-address", "--host 'not-an-address': expected an IP address")]
    public void Bad_options_are_user_errors_before_anything_listens(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        string[] port = option == "--port" ? [] : ["--port", "0"];
        var (code, _, error) = CliHarness.Run(["serve", option, value, .. port, "--history", temp.File("h.sqlite")]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void A_missing_dataset_folder_is_named()
    {
        using var temp = new TempDirectory();
        var (code, _, error) = CliHarness.Run("serve", "--dataset", temp.File("nope"), "--port", "0", "--history", temp.File("h.sqlite"));
        Assert.Equal(2, code);
        Assert.Contains("nope", error);
        Assert.Contains("dataset folder not found", error);
    }
}

public sealed class CommandRuntimeTests
{
    [Fact]
    public void The_command_needs_only_the_dotnet_runtime_so_it_starts_where_aspnet_core_is_not_installed()
    {
        // The GPU machine (and a bare runtime install) has Microsoft.NETCore.App only; serve loads ASP.NET Core itself.
        string config = Path.Combine(AppContext.BaseDirectory, "xraysynth.runtimeconfig.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        var frameworks = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("frameworks", out var list)
            ? list.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList()
            : [json.RootElement.GetProperty("runtimeOptions").GetProperty("framework").GetProperty("name").GetString()];
        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
    }

    [Fact]
    public void Serve_finds_the_aspnet_core_framework_beside_the_running_runtime()
    {
        var runtime = XraySynth.Cli.Commands.Serve.AspNetCoreRuntime.Register();
        Assert.True(File.Exists(Path.Combine(runtime.Folder, "Microsoft.AspNetCore.dll")), runtime.Folder);
        Assert.Equal(Environment.Version.Major, Version.Parse(Path.GetFileName(runtime.Folder).Split('-')[0]).Major);
    }
}
