namespace XraySynth.Data.Loading.Augmentations;

/// <summary>
/// Mirrors left and right with probability <c>Probability</c>. Off by default everywhere: it swaps the
/// patient's sides (heart on the right), which is not a plausible chest radiograph.
/// </summary>
public sealed class HorizontalFlip(double probability = 0.5) : IAugmentation
{
    /// <summary>Chance an image is mirrored.</summary>
    public double Probability { get; } = probability is >= 0 and <= 1
        ? probability
        : throw new ArgumentOutOfRangeException(nameof(probability), $"{probability}: expected 0 to 1");

    /// <inheritdoc />
    public void Apply(Span<byte> pixels, int size, Random random)
    {
        if (random.NextDouble() >= Probability) return;
        for (int y = 0; y < size; y++) pixels.Slice(y * size, size).Reverse();
    }
}
