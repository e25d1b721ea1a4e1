namespace XraySynth.Configuration;

/// <summary>The text an enum member has in YAML when its kebab-case form would read badly (e.g. resnet18, not res-net18).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ConfigNameAttribute(string name) : Attribute
{
    /// <summary>The YAML text.</summary>
    public string Name { get; } = name;
}
