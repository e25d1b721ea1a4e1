using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Data.Loading.Augmentations;

/// <summary>On-the-fly augmentation settings for a training stage's config; the defaults switch everything off.</summary>
public sealed record AugmentationConfig : IValidatedConfig
{
    /// <summary>Smallest fraction of the area a random crop keeps (1 = no crop).</summary>
    [Description("Smallest fraction of the area a random crop keeps (1 = no crop).")]
    [ConfigRange(0.05, 1)]
    public double CropScaleMin { get; init; } = 1;

    /// <summary>Smallest crop aspect ratio (width/height); the largest is its inverse.</summary>
    [Description("Smallest crop aspect ratio (width/height); the largest is its inverse (1 = square crops).")]
    [ConfigRange(0.25, 1)]
    public double CropRatioMin { get; init; } = 1;

    /// <summary>Largest rotation in degrees, either way (0 = none).</summary>
    [Description("Largest rotation in degrees, either way (0 = none).")]
    [ConfigRange(0, 45)]
    public double RotationDegrees { get; init; }

    /// <summary>Largest brightness shift as a fraction of full scale (0 = none).</summary>
    [Description("Largest brightness shift as a fraction of full scale (0 = none).")]
    [ConfigRange(0, 1)]
    public double Brightness { get; init; }

    /// <summary>Largest relative contrast change (0 = none).</summary>
    [Description("Largest relative contrast change (0 = none).")]
    [ConfigRange(0, 1)]
    public double Contrast { get; init; }

    /// <summary>Chance of a left-right mirror (0 = never; mirroring swaps the heart's side).</summary>
    [Description("Chance of a left-right mirror (0 = never; mirroring swaps the heart's side).")]
    [ConfigRange(0, 1)]
    public double HorizontalFlip { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate() => [];

    /// <summary>The pipeline (crop, rotation, flip, brightness/contrast), or null when every step is off.</summary>
    public IAugmentation? Build()
    {
        var steps = new List<IAugmentation>();
        if (CropScaleMin < 1 || CropRatioMin < 1) steps.Add(new RandomResizedCrop(CropScaleMin, 1, CropRatioMin, 1 / CropRatioMin));
        if (RotationDegrees > 0) steps.Add(new RandomRotation(RotationDegrees));
        if (HorizontalFlip > 0) steps.Add(new Augmentations.HorizontalFlip(HorizontalFlip));
        if (Brightness > 0 || Contrast > 0) steps.Add(new BrightnessContrastJitter(Brightness, Contrast));
        return steps.Count == 0 ? null : new AugmentationPipeline(steps);
    }
}
