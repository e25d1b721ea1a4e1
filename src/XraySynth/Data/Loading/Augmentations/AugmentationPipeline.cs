namespace XraySynth.Data.Loading.Augmentations;

/// <summary>Several augmentations applied one after another, drawing from the same per-image generator.</summary>
public sealed class AugmentationPipeline(IReadOnlyList<IAugmentation> steps) : IAugmentation
{
    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IAugmentation> Steps { get; } = steps;

    /// <inheritdoc />
    public void Apply(Span<byte> pixels, int size, Random random)
    {
        foreach (var step in Steps) step.Apply(pixels, size, random);
    }
}
