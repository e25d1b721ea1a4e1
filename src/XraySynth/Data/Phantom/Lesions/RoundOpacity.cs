namespace XraySynth.Data.Phantom.Lesions;

/// <summary>A Nodule or Mass: a round opacity, denser at its centre, with a lobulated soft edge.</summary>
public sealed class RoundOpacity : IPhantomLesion
{
    readonly double cu, cv, radius, contrast, edge;
    readonly double[] lobes, phases;

    /// <summary>An opacity of <paramref name="radius"/> at (<paramref name="u"/>, <paramref name="v"/>).</summary>
    /// <param name="finding">Nodule or Mass.</param>
    /// <param name="u">Centre u.</param>
    /// <param name="v">Centre v.</param>
    /// <param name="radius">Mean radius (body units).</param>
    /// <param name="contrast">Density at the centre.</param>
    /// <param name="lobulation">Relative amplitude of the edge's lobes (0 = a circle).</param>
    /// <param name="random">Draws the lobes' phases.</param>
    /// <param name="softness">Edge softness (about one pixel).</param>
    public RoundOpacity(PhantomFinding finding, double u, double v, double radius, double contrast, double lobulation, Random random, double softness)
    {
        Finding = finding;
        cu = u; cv = v; this.radius = radius; this.contrast = contrast;
        edge = Math.Max(softness, 0.12 * radius);
        lobes = [lobulation * random.NextDouble(), lobulation * random.NextDouble() * 0.7, lobulation * random.NextDouble() * 0.4];
        phases = [random.NextDouble() * 6.283, random.NextDouble() * 6.283, random.NextDouble() * 6.283];
    }

    /// <inheritdoc />
    public PhantomFinding Finding { get; }

    /// <inheritdoc />
    public bool Reaches(double u, double v) => (u - cu) * (u - cu) + (v - cv) * (v - cv) < Square(radius * 1.6 + edge);

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point)
    {
        double du = u - cu, dv = v - cv;
        double r = Math.Sqrt(du * du + dv * dv);
        double theta = Math.Atan2(dv, du);
        double outline = radius * (1 + lobes[0] * Math.Sin(2 * theta + phases[0]) + lobes[1] * Math.Sin(3 * theta + phases[1]) +
                                   lobes[2] * Math.Sin(5 * theta + phases[2]));
        double t = Math.Clamp((outline - r + edge) / (2 * edge), 0, 1);
        double inside = t * t * (3 - 2 * t);
        double core = 0.75 + 0.25 * Math.Max(0, 1 - Square(r / outline));
        return (float)(contrast * inside * core);
    }

    static double Square(double x) => x * x;
}
