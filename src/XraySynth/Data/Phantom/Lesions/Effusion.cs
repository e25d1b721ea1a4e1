namespace XraySynth.Data.Phantom.Lesions;

/// <summary>
/// Pleural effusion: fluid fills the lung base on one side up to a meniscus that rises towards the lateral wall,
/// blunting the costophrenic angle and hiding the lung markings below it.
/// </summary>
public sealed class Effusion : IPhantomLesion
{
    readonly int side;
    readonly double lateralU, angleV, halfWidth, height, opacity, soft;

    /// <summary>Fluid of <paramref name="height"/> (body units at the lateral wall) on <paramref name="side"/>.</summary>
    public Effusion(PhantomAnatomy anatomy, int side, double height, double opacity, double softness)
    {
        this.side = side;
        (lateralU, angleV) = anatomy.CostophrenicAngle(side);
        halfWidth = anatomy.LungHalfWidth;
        this.height = height;
        this.opacity = opacity;
        soft = Math.Max(softness, 0.015);
    }

    /// <inheritdoc />
    public PhantomFinding Finding => PhantomFinding.Effusion;

    /// <inheritdoc />
    public bool Reaches(double u, double v) => Math.Sign(u) == side && v > angleV - height - 2 * soft;

    /// <inheritdoc />
    public float Delta(double u, double v, in AnatomyPoint point)
    {
        if (point.Side != side || point.Lung <= 0) return 0;
        double x = side * u;
        double medial = Math.Clamp((lateralU - x) / (2 * halfWidth), 0, 1);
        double level = angleV - height + (0.8 * height + 0.05) * Math.Sqrt(medial);
        double t = Math.Clamp((v - level + soft) / (2 * soft), 0, 1);
        double fluid = t * t * (3 - 2 * t);
        double deeper = 0.75 + 0.25 * Math.Min(1, Math.Max(0, v - level) / height);
        return (float)(fluid * opacity * (deeper * AnatomyPainter.LungDarkness * point.LungVisible - point.Markings));
    }
}
