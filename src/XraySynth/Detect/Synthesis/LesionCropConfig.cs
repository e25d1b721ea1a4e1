using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Detect.Synthesis;

/// <summary>How lesion crops (the lesion-patch GAN's training images) are cut around real training boxes.</summary>
public sealed record LesionCropConfig
{
    [Description("Side of every crop in pixels (the lesion-patch GAN's resolution).")]
    [ConfigRange(8, 512)]
    public int Size { get; init; } = 32;

    [Description("Context kept on each side of the box, as a fraction of the box's width (left/right) and height (top/bottom).")]
    [ConfigRange(0.05, 2)]
    public double Margin { get; init; } = 0.4;

    [Description("Classes to crop; empty = every label with a box in the train split.")]
    public IReadOnlyList<string> Classes { get; init; } = [];
}
