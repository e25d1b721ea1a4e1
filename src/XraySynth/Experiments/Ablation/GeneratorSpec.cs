using System.ComponentModel;
using XraySynth.Configuration;
using XraySynth.Gan;

namespace XraySynth.Experiments.Ablation;

/// <summary>A generator the ablation's arms may sample from: a name and its GAN training config.</summary>
public sealed record GeneratorSpec : IValidatedConfig
{
    /// <summary>Name the arms use (e.g. <c>dcgan</c>, <c>pggan</c>).</summary>
    [Description("Name the arms use, e.g. dcgan or pggan.")]
    public string Name { get; init; } = "";

    /// <summary>GAN training config; its data, out and labels are set by the runner.</summary>
    [Description("GAN training config (keys of the gan: section); data and out are set by the runner.")]
    public GanConfig Gan { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RunNames.IsValid(Name)) yield return ("name", $"'{Name}': expected a non-empty name of letters, digits, '-', '_' or '.'");
    }
}
