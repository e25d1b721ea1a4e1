namespace XraySynth.Data.Loading.Augmentations;

/// <summary>
/// Scales contrast about the image mean by a factor uniform in <c>[1 - Contrast, 1 + Contrast]</c> and shifts
/// brightness by a fraction of full scale uniform in <c>[-Brightness, Brightness]</c>. A constant image stays
/// constant under any contrast factor when the brightness shift is 0.
/// </summary>
public sealed class BrightnessContrastJitter : IAugmentation
{
    /// <summary>Largest brightness shift as a fraction of 255.</summary>
    public double Brightness { get; }
    /// <summary>Largest relative contrast change.</summary>
    public double Contrast { get; }

    /// <summary>A jitter of at most <paramref name="brightness"/> (shift) and <paramref name="contrast"/> (relative scale).</summary>
    public BrightnessContrastJitter(double brightness = 0.1, double contrast = 0.1)
    {
        if (!(brightness >= 0 && brightness <= 1)) throw new ArgumentOutOfRangeException(nameof(brightness), $"{brightness}: expected 0 to 1");
        if (!(contrast >= 0 && contrast <= 1)) throw new ArgumentOutOfRangeException(nameof(contrast), $"{contrast}: expected 0 to 1");
        Brightness = brightness; Contrast = contrast;
    }

    /// <inheritdoc />
    public void Apply(Span<byte> pixels, int size, Random random)
    {
        float factor = (float)(1 + (random.NextDouble() * 2 - 1) * Contrast);
        float shift = (float)((random.NextDouble() * 2 - 1) * Brightness * 255);
        long sum = 0;
        foreach (byte p in pixels) sum += p;
        float mean = (float)sum / pixels.Length;
        float offset = mean * (1 - factor) + shift;
        for (int i = 0; i < pixels.Length; i++) pixels[i] = Bilinear.ToByte(pixels[i] * factor + offset);
    }
}
