using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Detect.Synthesis;

/// <summary>The <c>blend:</c> section: how many lesion images to make per class and how patches are placed and blended.</summary>
public sealed record BlendConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "blend";

    [Description("New training images per class, each a disease-free training image with one pasted lesion.")]
    [ConfigRange(0, 1_000_000)]
    public int PerClass { get; init; } = 100;

    [Description("Classes to paste; empty = every label with a box in the train split.")]
    public IReadOnlyList<string> Classes { get; init; } = [];

    [Description("Context around the lesion box in a patch, as a fraction of the box side (the feathered border).")]
    [ConfigRange(0.05, 2)]
    public double Margin { get; init; } = 0.4;

    [Description("Jitter of the pasted centre around the real box position it copies, as a fraction of the box size.")]
    [ConfigRange(0, 2)]
    public double PositionJitter { get; init; } = 0.25;
}
