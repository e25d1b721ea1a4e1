using XraySynth.Configuration;

namespace XraySynth.Tests.Configuration;

public sealed class ConfigNamesTests
{
    [Theory]
    [InlineData("BatchSize", "batch_size")]
    [InlineData("Seed", "seed")]
    [InlineData("KImg", "k_img")]
    [InlineData("Fp16", "fp16")]
    [InlineData("MaxSyntheticFraction", "max_synthetic_fraction")]
    [InlineData("EmaHalfLifeKImg", "ema_half_life_k_img")]
    public void Maps_property_names_to_snake_case(string property, string key) =>
        Assert.Equal(key, ConfigNames.ToSnakeCase(property));
}
