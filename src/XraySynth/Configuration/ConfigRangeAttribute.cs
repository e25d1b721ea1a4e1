namespace XraySynth.Configuration;

/// <summary>Inclusive range a numeric config value must fall in; checked when a YAML file is loaded.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigRangeAttribute(double minimum, double maximum) : Attribute
{
    /// <summary>Smallest allowed value.</summary>
    public double Minimum { get; } = minimum;

    /// <summary>Largest allowed value.</summary>
    public double Maximum { get; } = maximum;
}
