using XraySynth.Configuration;
using XraySynth.Data.Splitting;

namespace XraySynth.Tests.Data.Splitting;

public sealed class SplitConfigTests
{
    [Fact]
    public void Loads_from_the_split_section_of_a_config_file()
    {
        var config = YamlConfig.Parse<SplitConfig>("split:\n  train: 0.8\n  val: 0.1\n  test: 0.1\n  seed: 9\n  keep_test: true\n", "x.yaml", SplitConfig.Section);
        Assert.Equal(new SplitConfig { Train = 0.8, Val = 0.1, Test = 0.1, Seed = 9, KeepTest = true }, config);
    }

    [Fact]
    public void Fractions_must_add_up_to_one_unless_test_is_kept()
    {
        Assert.Contains(new SplitConfig { Train = 0.5 }.Validate(), p => p.Key == "test");
        Assert.Empty(new SplitConfig { Train = 0.5, KeepTest = true }.Validate());
    }
}
