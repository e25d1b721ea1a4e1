namespace XraySynth.Data.Phantom.Lesions;

/// <summary>
/// Pneumothorax: a rim of free air along the apex and lateral wall of one lung, darker and without lung markings,
/// bounded medially by the thin bright visceral pleural line of the collapsed lung.
/// </summary>
public sealed class Pneumothorax : IPhantomLesion
{
    readonly int side;
    readonly double depth, bottom, contrast, line;

    /// <summary>A rim <paramref name="depth"/> wide (body units) down to <paramref name="bottom"/> (v).</summary>
    public Pneumothorax(int side, double depth, double bottom, double contrast, double softness)
    {
        this.side = side;
        this.depth = depth;
        this.bottom = bottom;
        this.contrast = contrast;
        line = Math.Max(softness * 0.9, 0.006);
    }

    /// <inheritdoc />
    public PhantomFinding Finding => PhantomFinding.Pneumothorax;

    /// <inheritdoc />
    public bool Reaches(double u, double v) => Math.Sign(u) == side && v < bottom + 0.1;

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point)
    {
        if (point.Side != side || point.Lung <= 0) return 0;
        double fade = Math.Clamp((bottom - v) / 0.1, 0, 1);
        double inRim = Math.Clamp((depth - point.LateralDepth) / line * 0.5 + 0.5, 0, 1);
        double air = inRim * point.Lung * fade;
        double pleura = Math.Exp(-Square((point.LateralDepth - depth) / line)) * point.Lung * fade;
        return (float)(-air * (point.Markings + 0.7 * contrast) + pleura * contrast);
    }

    static double Square(double x) => x * x;
}
