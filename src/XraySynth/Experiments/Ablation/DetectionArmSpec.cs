using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Experiments.Ablation;

/// <summary>How a detection arm changes the detector's training data.</summary>
public enum DetectionAugmentation
{
    /// <summary>Real training images and boxes only.</summary>
    None,
    /// <summary>
    /// Plus disease-free training images with one lesion patch each (crops around real training boxes) pasted at a real
    /// box's relative position and size, feathered and brightness-matched, the box emitted (Detect/Synthesis).
    /// </summary>
    LesionPaste,
}

/// <summary>One detection arm: a detector trained (per seed) on the arm's data and scored on the real test boxes.</summary>
public sealed record DetectionArmSpec : IValidatedConfig
{
    /// <summary>Arm name, e.g. <c>real-only</c>, <c>lesion-paste</c>.</summary>
    [Description("Detection arm name, e.g. real-only or lesion-paste.")]
    public string Name { get; init; } = "";

    /// <summary>What is added to the detector's training data.</summary>
    [Description("Added training data: none, or lesion-paste (lesion patches blended into disease-free images, boxes emitted).")]
    public DetectionAugmentation Augmentation { get; init; } = DetectionAugmentation.None;

    /// <summary>New images per class for <see cref="DetectionAugmentation.LesionPaste"/>.</summary>
    [Description("New training images per boxed class (lesion-paste).")]
    [ConfigRange(1, 1_000_000)]
    public int PerClass { get; init; } = 100;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (!RunNames.IsValid(Name)) yield return ("name", $"'{Name}': expected a non-empty name of letters, digits, '-', '_' or '.'");
    }
}
