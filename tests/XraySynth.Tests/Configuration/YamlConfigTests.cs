using XraySynth.Common;
using XraySynth.Configuration;

namespace XraySynth.Tests.Configuration;

public sealed class YamlConfigTests
{
    [Fact]
    public void Keys_absent_from_the_file_keep_the_documented_defaults()
    {
        var config = YamlConfig.Parse<SampleConfig>("batch_size: 64\n", "a.yaml");
        Assert.Equal(64, config.BatchSize);
        Assert.Equal(new SampleConfig() with { BatchSize = 64 }, config);
    }

    [Fact]
    public void Reads_every_supported_kind_of_value()
    {
        const string yaml = """
            batch_size: 16
            learning_rate: 1.5e-4
            ema: no
            name: "hernia run"
            note: ~
            kind: label-balanced
            labels: [Hernia, Edema]
            resolutions:
              - 4
              - 8
              - 16
            seed: 7
            batches:
              "4": 128
              "8": 64
            optimizer:
              beta1: 0.0
            """;
        var config = YamlConfig.Parse<SampleConfig>(yaml, "a.yaml");
        Assert.Equal(16, config.BatchSize);
        Assert.Equal(1.5e-4, config.LearningRate);
        Assert.False(config.Ema);
        Assert.Equal("hernia run", config.Name);
        Assert.Null(config.Note);
        Assert.Equal(SampleKind.LabelBalanced, config.Kind);
        Assert.Equal(["Hernia", "Edema"], config.Labels);
        Assert.Equal([4, 8, 16], config.Resolutions);
        Assert.Equal(7L, config.Seed);
        Assert.Equal(64, config.Batches["8"]);
        Assert.Equal(0.0, config.Optimizer.Beta1);
        Assert.Equal(0.999, config.Optimizer.Beta2);
    }

    [Fact]
    public void Unknown_key_is_an_error_with_file_line_and_the_nearest_name()
    {
        var error = Assert.Throws<ConfigError>(() => YamlConfig.Parse<SampleConfig>("name: x\nbatch_sise: 8\n", "configs/gan.yaml"));
        var issue = Assert.Single(error.Issues);
        Assert.Equal(2, issue.Line);
        Assert.Equal("batch_sise", issue.Key);
        Assert.Contains("did you mean 'batch_size'", issue.Message);
        Assert.StartsWith("config error: configs/gan.yaml:2:1: batch_sise:", error.Message);
    }

    [Theory]
    [InlineData("batch_size: many\n", "batch_size", "expected an integer, got 'many'")]
    [InlineData("learning_rate: fast\n", "learning_rate", "expected a number, got 'fast'")]
    [InlineData("ema: maybe\n", "ema", "expected true or false, got 'maybe'")]
    [InlineData("labels: Hernia\n", "labels", "expected a list")]
    [InlineData("optimizer: 3\n", "optimizer", "expected a mapping")]
    [InlineData("kind: gan\n", "kind", "'gan' is not one of dcgan, pggan, label-balanced")]
    [InlineData("batch_size: [1, 2]\n", "batch_size", "expected an integer, got a list")]
    [InlineData("batch_size:\n", "batch_size", "got nothing")]
    public void Wrong_type_is_an_error_naming_the_key_and_what_was_expected(string yaml, string key, string expected)
    {
        var error = Assert.Throws<ConfigError>(() => YamlConfig.Parse<SampleConfig>(yaml, "c.yaml"));
        var issue = Assert.Single(error.Issues);
        Assert.Equal(key, issue.Key);
        Assert.Equal(1, issue.Line);
        Assert.Contains(expected, issue.Message);
    }

    [Theory]
    [InlineData("batch_size: 0\n", "batch_size", "0 is out of range: expected 1 to 4096")]
    [InlineData("learning_rate: 2\n", "learning_rate", "2 is out of range: expected 0 to 1")]
    [InlineData("resolutions: [4, 2048]\n", "resolutions", "2048 is out of range: expected 4 to 1024")]
    [InlineData("optimizer:\n  beta2: 1.5\n", "optimizer.beta2", "1.5 is out of range: expected 0 to 1")]
    public void Out_of_range_value_is_an_error_with_the_allowed_range(string yaml, string key, string expected)
    {
        var error = Assert.Throws<ConfigError>(() => YamlConfig.Parse<SampleConfig>(yaml, "c.yaml"));
        var issue = Assert.Single(error.Issues);
        Assert.Equal(key, issue.Key);
        Assert.Contains(expected, issue.Message);
    }

    [Fact]
    public void Nested_key_errors_carry_their_own_line()
    {
        const string yaml = "name: x\noptimizer:\n  beta1: 0.9\n  betta2: 0.9\n";
        var issue = Assert.Single(Assert.Throws<ConfigError>(() => YamlConfig.Parse<SampleConfig>(yaml, "c.yaml")).Issues);
        Assert.Equal(4, issue.Line);
        Assert.Equal(3, issue.Column);
        Assert.Equal("optimizer.betta2", issue.Key);
        Assert.Contains("did you mean 'beta2'", issue.Message);
    }

    [Fact]
    public void Every_problem_in_the_file_is_reported_at_once()
    {
        const string yaml = "batch_size: -1\nlearning_rate: x\ncolour: red\n";
        var error = Assert.Throws<ConfigError>(() => YamlConfig.Parse<SampleConfig>(yaml, "c.yaml"));
        Assert.Equal([1, 2, 3], error.Issues.Select(i => i.Line));
        Assert.Contains("3 config errors", error.Message);
    }

    [Fact]
    public void Cross_field_rules_are_reported_on_the_key()
    {
        var issue = Assert.Single(Assert.Throws<ConfigError>(() =>
            YamlConfig.Parse<SampleConfig>("kind: pggan\nresolutions: []\n", "c.yaml")).Issues);
        Assert.Equal("resolutions", issue.Key);
        Assert.Equal(2, issue.Line);
    }

    [Fact]
    public void Yaml_syntax_error_names_the_line()
    {
        var issue = Assert.Single(Assert.Throws<ConfigError>(() =>
            YamlConfig.Parse<SampleConfig>("name: x\nlabels: [a, b\nseed: 1\n", "c.yaml")).Issues);
        Assert.True(issue.Line >= 2, issue.ToString());
    }

    [Fact]
    public void A_section_is_read_from_its_top_level_key_and_other_sections_are_ignored()
    {
        const string yaml = "gan:\n  batch_size: 8\nclassifier:\n  anything: 1\n";
        Assert.Equal(8, YamlConfig.Parse<SampleConfig>(yaml, "c.yaml", "gan").BatchSize);
        Assert.Equal(new SampleConfig(), YamlConfig.Parse<SampleConfig>(yaml, "c.yaml", "detector"));
        var issue = Assert.Single(Assert.Throws<ConfigError>(() =>
            YamlConfig.Parse<SampleConfig>("gan:\n  batch: 8\n", "c.yaml", "gan")).Issues);
        Assert.Equal("gan.batch", issue.Key);
        Assert.Equal(2, issue.Line);
    }

    [Fact]
    public void Missing_file_is_a_user_error()
    {
        var error = Assert.Throws<UserError>(() => YamlConfig.Load<SampleConfig>("/no/such/config.yaml"));
        Assert.Contains("/no/such/config.yaml does not exist", error.Message);
    }

    [Fact]
    public void Written_config_reads_back_equal_and_carries_the_documentation()
    {
        var config = new SampleConfig
        {
            BatchSize = 12, LearningRate = 0.1 + 0.2, Ema = false, Name = "a: b 'c'", Note = null, Kind = SampleKind.LabelBalanced,
            Labels = ["Pleural_Thickening", "No Finding"], Resolutions = [4, 8, 16], Seed = 123456789012,
            Batches = new Dictionary<string, int> { ["4"] = 64, ["8"] = 32 }, Optimizer = new SampleOptimizer { Beta1 = 0 },
        };
        string yaml = YamlConfigWriter.Write(config, "gan");
        Assert.Contains("  # Batch size.\n  batch_size: 12\n", yaml);
        Assert.Equal(config, YamlConfig.Parse<SampleConfig>(yaml, "written.yaml", "gan"));
    }

    [Fact]
    public void Empty_collections_are_written_so_they_read_back_empty()
    {
        var config = new SampleConfig { Labels = [], Resolutions = [], Batches = new Dictionary<string, int>() };
        string yaml = YamlConfigWriter.Write(config);
        Assert.Contains("batches: {}\n", yaml);
        Assert.Equal(config, YamlConfig.Parse<SampleConfig>(yaml, "written.yaml"));
    }
}
