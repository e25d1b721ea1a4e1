namespace XraySynth.Data.Loading.Augmentations;

/// <summary>
/// A random transform of one square uint8 image, applied in place on the loader's producer thread. All
/// randomness must come from <c>random</c> (derived from seed, epoch and position), so results are reproducible.
/// </summary>
public interface IAugmentation
{
    /// <summary>Transforms <paramref name="pixels"/> (<paramref name="size"/> × <paramref name="size"/>, row-major) in place.</summary>
    void Apply(Span<byte> pixels, int size, Random random);
}
