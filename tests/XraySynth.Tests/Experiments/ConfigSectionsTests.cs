using XraySynth.Configuration;
using XraySynth.Experiments;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Experiments;

public sealed class ConfigSectionsTests
{
    [Fact]
    public void The_committed_default_config_is_what_config_defaults_prints()
    {
        string committed = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "configs", "default.yaml"));
        Assert.Equal(ConfigSections.DefaultsYaml(), committed);
    }

    [Fact]
    public void Every_config_in_the_configs_folder_is_valid()
    {
        var files = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "configs"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (string file in files) ConfigSections.Validate(file);
    }

    [Fact]
    public void The_defaults_read_back_as_the_default_records()
    {
        using var temp = new TempDirectory();
        string path = temp.File("d.yaml");
        File.WriteAllText(path, ConfigSections.DefaultsYaml());
        foreach (var (section, type) in ConfigSections.All)
        {
            object loaded = typeof(YamlConfig).GetMethod(nameof(YamlConfig.Load))!.MakeGenericMethod(type).Invoke(null, [path, section])!;
            Assert.Equal(YamlConfigWriter.Write(Activator.CreateInstance(type)!), YamlConfigWriter.Write(loaded));
        }
    }

    [Fact]
    public void A_misspelled_section_and_a_bad_key_are_both_reported()
    {
        using var temp = new TempDirectory();
        string path = temp.File("c.yaml");
        File.WriteAllText(path, "runtime:\n  seed: -4\nphantm:\n  count: 3\n");
        var error = Assert.Throws<ConfigError>(() => ConfigSections.Validate(path));
        Assert.Equal(2, error.Issues.Count);
        Assert.Contains(error.Issues, i => i.Line == 2 && i.Key == "runtime.seed" && i.Message.Contains("out of range"));
        Assert.Contains(error.Issues, i => i.Line == 3 && i.Key == "phantm" && i.Message.Contains("did you mean 'phantom'"));
    }

    [Fact]
    public void Config_check_command_exits_non_zero_with_file_and_line()
    {
        using var temp = new TempDirectory();
        string path = temp.File("c.yaml");
        File.WriteAllText(path, "prepare:\n  size: big\n");
        var (code, _, error) = CliHarness.Run("config", "check", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}:2:9: prepare.size: expected an integer, got 'big'", error);
        File.WriteAllText(path, "prepare:\n  size: 32\n");
        Assert.Equal(0, CliHarness.Run("config", "check", path).ExitCode);
    }
}
