namespace XraySynth.Data.Phantom;

/// <summary>How density becomes gray level: a window, a gamma, and the noise of the detector.</summary>
/// <param name="Low">Density shown black.</param>
/// <param name="High">Density shown white.</param>
/// <param name="Gamma">Gamma applied to the windowed value.</param>
/// <param name="Noise">Standard deviation of per-pixel noise (density units).</param>
/// <param name="Shading">Amplitude of smooth exposure inhomogeneity (density units).</param>
public sealed record PhantomExposure(double Low, double High, double Gamma, double Noise, double Shading)
{
    const int Steps = 4096;

    /// <summary>Gray level of each of <see cref="Steps"/> + 1 windowed values from 0 to 1 (the gamma curve, tabulated).</summary>
    public byte[] GrayTable()
    {
        var table = new byte[Steps + 1];
        for (int i = 0; i <= Steps; i++) table[i] = (byte)Math.Round(255 * Math.Pow((double)i / Steps, Gamma));
        return table;
    }

    /// <summary>The gray level (0 to 255) of <paramref name="density"/>, looked up in <paramref name="table"/> from <see cref="GrayTable"/>.</summary>
    public byte ToGray(float density, byte[] table)
    {
        double t = Math.Clamp((density - Low) / (High - Low), 0, 1);
        return table[(int)(t * Steps + 0.5)];
    }
}
