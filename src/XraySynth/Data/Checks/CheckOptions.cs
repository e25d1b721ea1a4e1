namespace XraySynth.Data.Checks;

/// <summary>What <see cref="DatasetChecks.Run"/> does beyond the cheap checks.</summary>
public sealed record CheckOptions
{
    /// <summary>Fully decode every image (slow) instead of reading only its header.</summary>
    public bool Decode { get; init; }

    /// <summary>Slack in pixels allowed when a box touches the image border.</summary>
    public double BoxTolerance { get; init; } = 0.5;
}
