namespace XraySynth.Data.Phantom.Lesions;

/// <summary>Consolidation: a patchy airspace opacity inside one lung, fading at its margins, stopping at the lung border.</summary>
public sealed class Consolidation : IPhantomLesion
{
    readonly double cu, cv, ru, rv, contrast;
    readonly int side;
    readonly ValueNoise patches;

    /// <summary>An elliptic patch with radii (<paramref name="ru"/>, <paramref name="rv"/>) at (<paramref name="u"/>, <paramref name="v"/>).</summary>
    public Consolidation(double u, double v, double ru, double rv, double contrast, Random random)
    {
        cu = u; cv = v; this.ru = ru; this.rv = rv; this.contrast = contrast;
        side = u < 0 ? -1 : 1;
        patches = new ValueNoise(random, 48);
    }

    /// <inheritdoc />
    public PhantomFinding Finding => PhantomFinding.Consolidation;

    /// <inheritdoc />
    public bool Reaches(double u, double v) => Square((u - cu) / ru) + Square((v - cv) / rv) < 1;

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point)
    {
        if (point.Side != side) return 0;
        double r2 = Square((u - cu) / ru) + Square((v - cv) / rv);
        double blob = Math.Pow(Math.Max(0, 1 - r2), 1.5);
        double patchy = 0.3 + 0.7 * patches.At(u, v);
        return (float)(contrast * blob * patchy * point.Lung - 0.6 * blob * point.Markings);
    }

    static double Square(double x) => x * x;
}
