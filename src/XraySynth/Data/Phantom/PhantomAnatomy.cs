namespace XraySynth.Data.Phantom;

/// <summary>
/// One patient's chest shape in body coordinates: u runs from -1 (image left, the patient's right in a PA view)
/// to 1, v from -1 (top) to 1 (bottom); the image shows this square after the pose transform.
/// A lung is described for its side by x = |u|.
/// </summary>
public sealed record PhantomAnatomy
{
    /// <summary>Half-width of the torso (outer soft tissue).</summary>
    public double BodyHalfWidth { get; init; } = 0.88;
    /// <summary>Top of the shoulders.</summary>
    public double ShoulderTop { get; init; } = -0.88;
    /// <summary>Apex (top) of the right lung (image left).</summary>
    public double LungTopRight { get; init; } = -0.74;
    /// <summary>Apex of the left lung (image right).</summary>
    public double LungTopLeft { get; init; } = -0.72;
    /// <summary>Centre |u| of each lung.</summary>
    public double LungCenter { get; init; } = 0.42;
    /// <summary>Half-width of each lung at its widest.</summary>
    public double LungHalfWidth { get; init; } = 0.33;
    /// <summary>Top of the right diaphragm dome (higher: the liver).</summary>
    public double DomeRight { get; init; } = 0.40;
    /// <summary>Top of the left diaphragm dome.</summary>
    public double DomeLeft { get; init; } = 0.46;
    /// <summary>Curvature of the domes (v rise per squared |u| from the dome's top).</summary>
    public double DomeCurvature { get; init; } = 1.0;
    /// <summary>Heart centre u (towards the patient's left, image right).</summary>
    public double HeartU { get; init; } = 0.09;
    /// <summary>Heart centre v.</summary>
    public double HeartV { get; init; } = 0.31;
    /// <summary>Heart half-width.</summary>
    public double HeartHalfWidth { get; init; } = 0.31;
    /// <summary>Heart half-height.</summary>
    public double HeartHalfHeight { get; init; } = 0.21;
    /// <summary>Heart tilt in radians (apex down and to the image right).</summary>
    public double HeartTilt { get; init; } = 0.35;
    /// <summary>v of the first posterior rib's medial end.</summary>
    public double RibTop { get; init; } = -0.80;
    /// <summary>Vertical spacing of the posterior ribs.</summary>
    public double RibSpacing { get; init; } = 0.125;
    /// <summary>Rib thickness.</summary>
    public double RibThickness { get; init; } = 0.05;
    /// <summary>v of the clavicles' medial ends.</summary>
    public double ClavicleV { get; init; } = -0.66;
    /// <summary>Half-width of the spine.</summary>
    public double SpineHalfWidth { get; init; } = 0.065;
    /// <summary>Strength of lung markings (vessels), density units.</summary>
    public double Markings { get; init; } = 0.10;
    /// <summary>Size of the gas bubble in the stomach under the left dome, 0 (none) to 1.</summary>
    public double StomachGas { get; init; } = 0.5;
    /// <summary>Seed of this patient's lung-marking texture.</summary>
    public int TextureSeed { get; init; }

    /// <summary>A random patient's anatomy.</summary>
    public static PhantomAnatomy Sample(Random random, string sex)
    {
        double S(double spread) => (random.NextDouble() * 2 - 1) * spread;
        bool female = sex == "F";
        double width = 0.88 + S(0.05) - (female ? 0.03 : 0);
        double lungHalf = 0.33 + S(0.025) - (female ? 0.015 : 0);
        return new PhantomAnatomy
        {
            BodyHalfWidth = width,
            ShoulderTop = -0.88 + S(0.04),
            LungTopRight = -0.74 + S(0.04),
            LungTopLeft = -0.72 + S(0.04),
            LungCenter = 0.42 + S(0.03),
            LungHalfWidth = lungHalf,
            DomeRight = 0.40 + S(0.06),
            DomeLeft = 0.47 + S(0.06),
            DomeCurvature = 1.0 + S(0.3),
            HeartU = 0.09 + S(0.03),
            HeartV = 0.31 + S(0.04),
            HeartHalfWidth = 0.31 + S(0.02),
            HeartHalfHeight = 0.21 + S(0.02),
            HeartTilt = 0.35 + S(0.12),
            RibTop = -0.80 + S(0.03),
            RibSpacing = 0.125 + S(0.01),
            RibThickness = 0.05 + S(0.008),
            ClavicleV = -0.66 + S(0.04),
            SpineHalfWidth = 0.065 + S(0.01),
            Markings = 0.10 + S(0.03),
            StomachGas = Math.Max(0, random.NextDouble() * 1.3 - 0.3),
            TextureSeed = random.Next(),
        };
    }

    /// <summary>The same patient at a follow-up: breathing and positioning change the shape a little.</summary>
    public PhantomAnatomy FollowUp(Random random)
    {
        double S(double spread) => (random.NextDouble() * 2 - 1) * spread;
        double inspiration = S(0.03);
        return this with
        {
            DomeRight = DomeRight + inspiration + S(0.01),
            DomeLeft = DomeLeft + inspiration + S(0.01),
            LungHalfWidth = LungHalfWidth * (1 + S(0.015)),
            HeartHalfWidth = HeartHalfWidth * (1 + S(0.02)),
            HeartV = HeartV + inspiration * 0.5,
            Markings = Markings * (1 + S(0.1)),
            StomachGas = Math.Clamp(StomachGas + S(0.3), 0, 1),
        };
    }

    /// <summary>Apex of the lung on <paramref name="side"/> (-1 image left, +1 image right).</summary>
    public double LungTop(int side) => side < 0 ? LungTopRight : LungTopLeft;

    /// <summary>Top of the diaphragm dome on <paramref name="side"/>.</summary>
    public double Dome(int side) => side < 0 ? DomeRight : DomeLeft;

    /// <summary>
    /// Signed distance inside the lung on <paramref name="side"/> (negative outside); <paramref name="lateral"/> is the
    /// distance from its lateral and apical wall only.
    /// </summary>
    public double LungDepth(int side, double u, double v, out double lateral)
    {
        double x = side * u;
        double top = LungTop(side), dome = Dome(side);
        double t = (v - top) / (dome + 0.22 - top);
        const double apex = 0.32;
        double halfWidth = t <= 0 ? 0 : LungHalfWidth * (0.84 + 0.16 * Math.Min(t, 1)) *
                                         (t < apex ? Math.Sqrt(1 - Square(1 - t / apex)) : 1);
        // The heart side's lung is a little narrower medially.
        double center = LungCenter + (side > 0 ? 0.015 : 0);
        double dx = x - center;
        lateral = Math.Min(halfWidth - dx, v - top);
        double medial = halfWidth + dx;
        double bottom = dome + DomeCurvature * Square(x - center * 0.85) - v;
        return Math.Min(Math.Min(lateral, medial), bottom);
    }

    /// <summary>v of the costophrenic angle on <paramref name="side"/> and |u| of the lung's lateral wall there.</summary>
    public (double U, double V) CostophrenicAngle(int side)
    {
        double center = LungCenter + (side > 0 ? 0.015 : 0);
        double x = center + LungHalfWidth;
        return (x, Dome(side) + DomeCurvature * Square(x - center * 0.85));
    }

    static double Square(double x) => x * x;
}
