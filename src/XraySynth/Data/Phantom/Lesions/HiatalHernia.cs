namespace XraySynth.Data.Phantom.Lesions;

/// <summary>
/// Hiatal hernia: stomach above the diaphragm behind the heart, a round soft-tissue opacity with a gas bubble whose
/// flat lower edge is an air-fluid level. Subtle: it overlies the bright heart shadow.
/// </summary>
public sealed class HiatalHernia : IPhantomLesion
{
    readonly double cu, cv, radius, contrast, fluidLevel, edge;

    /// <summary>A hernia of <paramref name="radius"/> at (<paramref name="u"/>, <paramref name="v"/>); gas fills the top above <paramref name="fill"/> of its height.</summary>
    public HiatalHernia(double u, double v, double radius, double contrast, double fill, double softness)
    {
        cu = u; cv = v; this.radius = radius; this.contrast = contrast;
        fluidLevel = v + radius * (1 - 2 * fill);
        edge = Math.Max(softness, 0.1 * radius);
    }

    /// <inheritdoc />
    public PhantomFinding Finding => PhantomFinding.Hernia;

    /// <inheritdoc />
    public bool Reaches(double u, double v) => Square(u - cu) + Square(v - cv) < Square(radius + 2 * edge);

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point)
    {
        double r = Math.Sqrt(Square(u - cu) + Square(v - cv));
        double sac = Smooth((radius - r) / edge);
        double gas = Smooth((radius * 0.85 - r) / edge) * Smooth((fluidLevel - v) / edge);
        return (float)(contrast * sac - 2.2 * contrast * gas);
    }

    static double Smooth(double d)
    {
        double t = Math.Clamp(d * 0.5 + 0.5, 0, 1);
        return t * t * (3 - 2 * t);
    }

    static double Square(double x) => x * x;
}
