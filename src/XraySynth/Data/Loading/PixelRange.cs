namespace XraySynth.Data.Loading;

/// <summary>Range uint8 pixels are mapped to when a batch becomes a float tensor.</summary>
public enum PixelRange
{
    /// <summary>0 → -1, 255 → 1 (GAN generators with tanh output).</summary>
    MinusOneToOne,
    /// <summary>0 → 0, 255 → 1 (classifiers).</summary>
    ZeroToOne,
}
