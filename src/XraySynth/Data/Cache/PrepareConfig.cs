using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Data.Cache;

/// <summary>The <c>prepare:</c> section of a config file: how <c>xraysynth data prepare</c> builds the pixel cache.</summary>
public sealed record PrepareConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "prepare";

    /// <summary>Side of the square cached images in pixels.</summary>
    [Description("Side of the square cached images in pixels (64, 128, 256, ...).")]
    [ConfigRange(8, 4096)]
    public int Size { get; init; } = 128;

    /// <summary>Images decoded in parallel; null = one per logical processor.</summary>
    [Description("Images decoded in parallel; null = one per logical processor.")]
    [ConfigRange(1, 256)]
    public int? Workers { get; init; }

    /// <summary>Rebuild even when an up-to-date cache exists.</summary>
    [Description("Rebuild even when an up-to-date cache exists.")]
    public bool Force { get; init; }

    /// <summary>The worker count actually used.</summary>
    public int EffectiveWorkers => Workers ?? Environment.ProcessorCount;

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Size is < 8 or > 4096) yield return ("size", $"{Size}: expected 8 to 4096 pixels");
        if (Workers is < 1) yield return ("workers", $"{Workers}: expected 1 or more");
    }
}
