namespace XraySynth.Data.Phantom;

/// <summary>
/// The density of a normal chest at a point in body coordinates: soft tissue, lungs (dark), heart and mediastinum,
/// ribs, clavicles, spine, trachea, diaphragm domes and lung markings. Higher density is brighter in the image.
/// </summary>
public sealed class AnatomyPainter
{
    /// <summary>Density outside the body.</summary>
    public const float Air = 0.03f;
    /// <summary>Density of soft tissue at the midline.</summary>
    public const float Tissue = 0.64f;
    /// <summary>How much darker an aerated lung is than soft tissue.</summary>
    public const float LungDarkness = 0.42f;

    const float HeartExtra = 0.03f, SpineDensity = 0.09f, ClavicleDensity = 0.09f, TracheaDarkness = 0.07f, StomachDarkness = 0.16f;

    readonly PhantomAnatomy a;
    readonly float ribContrast;
    readonly double soft;
    readonly ValueNoise broad, coarse, fine;
    readonly double heartCos, heartSin;
    readonly bool female;

    /// <summary>The anatomy <paramref name="anatomy"/> for images of <paramref name="size"/> pixels.</summary>
    public AnatomyPainter(PhantomAnatomy anatomy, int size, double ribContrast, bool female)
    {
        a = anatomy;
        this.ribContrast = (float)ribContrast;
        this.female = female;
        soft = Math.Max(0.008, 1.6 / size);
        var texture = new Random(anatomy.TextureSeed);
        broad = new ValueNoise(texture, 5);
        coarse = new ValueNoise(texture, 18);
        fine = new ValueNoise(texture, 44);
        heartCos = Math.Cos(anatomy.HeartTilt);
        heartSin = Math.Sin(anatomy.HeartTilt);
    }

    /// <summary>Edge softness in body units (about one pixel).</summary>
    public double Softness => soft;

    /// <summary>Density at (<paramref name="u"/>, <paramref name="v"/>) and what lesions need to know about the point.</summary>
    public float Evaluate(double u, double v, out AnatomyPoint point)
    {
        point = default;
        int side = u < 0 ? -1 : 1;
        double x = Math.Abs(u);

        float body = Body(u, v);
        double depth = a.LungDepth(side, u, v, out double lateral);
        float lung = Step(depth, 1.5);
        float heart = Heart(u, v);
        float knob = Disc(u - 0.13, v + 0.22, 0.065);
        // Upper mediastinum: great vessels widening from the thoracic inlet down to the heart.
        float mediastinum = v > -0.6 ? Step(0.1 + 0.06 * Math.Min(1, (v + 0.6) / 0.6) - x, 2) : 0;
        float visible = lung * (1 - 0.9f * Math.Max(Math.Max(heart, knob), mediastinum));
        float markings = lung > 0 ? Markings(x, u, v) * visible : 0;
        // Aerated lung is darkest laterally and in the mid zones; apices and bases carry more soft tissue.
        double t = (v - a.LungTop(side)) / (a.Dome(side) - a.LungTop(side));
        float darkness = lung > 0
            ? LungDarkness * (float)((0.78 + 0.12 * Math.Min(1, Math.Max(0, x - 0.1) / 0.5) + 0.1 * Math.Min(1, t / 0.3) - 0.08 * Math.Max(0, t - 0.6))
                                      * (0.9 + 0.2 * broad.At(u, v)))
            : 0;

        // Path length through a rounded torso: thinner towards its edge.
        float tissue = Tissue * (float)((0.45 + 0.55 * Math.Sqrt(Math.Max(0, 1 - Sq(u / a.BodyHalfWidth)))) - 0.1 * Math.Max(0, -0.55 - v));
        float d = Air + body * (tissue - Air);
        if (female) d += 0.035f * body * (Disc(x - 0.45, v - 0.42, 0.30) * 0.7f + 0.3f * Disc(x - 0.45, v - 0.42, 0.36));
        d -= darkness * visible;
        d -= Stomach(u, v) * body;
        d += markings;
        d += HeartExtra * heart * body;
        d += Spine(x, v) * body;
        d += Ribs(x, v) * (0.35f + 0.65f * lung) * body;
        d += Clavicle(x, v) * body;
        d -= Trachea(x, v);

        point.Body = body;
        point.Side = side;
        point.Lung = lung;
        point.LungDepth = (float)depth;
        point.LateralDepth = (float)lateral;
        point.Heart = heart;
        point.LungVisible = visible;
        point.Markings = markings;
        return d;
    }

    /// <summary>Heart shadow mask (a tilted ellipse).</summary>
    public float Heart(double u, double v)
    {
        double du = u - a.HeartU, dv = v - a.HeartV;
        double p = (du * heartCos + dv * heartSin) / a.HeartHalfWidth;
        double q = (-du * heartSin + dv * heartCos) / a.HeartHalfHeight;
        double r = Math.Sqrt(p * p + q * q);
        return Step((1 - r) * a.HeartHalfHeight, 2.5);
    }

    float Body(double u, double v)
    {
        double cy = a.ShoulderTop + 1.1;
        double level = Sq(Sq(u / a.BodyHalfWidth)) + Sq(Sq((v - cy) / 1.1));
        float torso = Step((1 - Math.Sqrt(Math.Sqrt(level))) * 0.5, 2);
        float neck = v < a.ShoulderTop + 0.25 ? Step(0.2 - Math.Abs(u)) : 0;
        return Math.Max(torso, neck);
    }

    float Markings(double x, double u, double v)
    {
        // Ridged noise gives thin branching bright lines, densest near the hila.
        float n1 = 1 - Math.Abs(2 * coarse.At(u, v) - 1);
        float n2 = 1 - Math.Abs(2 * fine.At(u, v) - 1);
        n1 *= n1; n2 *= n2;
        float ridge = n1 * n1 * 0.6f + n2 * n2 * 0.4f;
        double hilum = 0.35 + 0.65 * Math.Exp(-(Sq(x - 0.22) + Sq(v - 0.02)) / 0.07);
        return (float)(a.Markings * ridge * hilum);
    }

    float Stomach(double u, double v)
    {
        if (a.StomachGas <= 0 || u < 0) return 0;
        double cv = a.DomeLeft + 0.05 + 0.06 * a.StomachGas;
        double r = Math.Sqrt(Sq((u - 0.36) / (0.1 + 0.05 * a.StomachGas)) + Sq((v - cv) / (0.04 + 0.03 * a.StomachGas)));
        return StomachDarkness * (float)a.StomachGas * Step((1 - r) * 0.05, 2);
    }

    float Ribs(double x, double v)
    {
        if (x < a.SpineHalfWidth * 0.7 || x > a.BodyHalfWidth - 0.03) return 0;
        float sum = 0;
        // Posterior ribs: from the spine up and out, then drooping laterally.
        double t = (v - a.RibTop + 0.5 * x - 1.05 * x * x) / a.RibSpacing;
        int k = (int)Math.Floor(t);
        if (k is >= 0 and < 10)
        {
            double p = (t - k) * a.RibSpacing / (a.RibThickness * (1 + 0.1 * k));
            double bump = 4 * p * (1 - p);
            if (p < 1) sum += (float)(0.75 * bump + 0.25 * Math.Sqrt(bump));
        }
        // Anterior ribs: fainter, running down and inwards from the lateral wall; cartilage (medial) is invisible.
        if (x > 0.3)
        {
            double s = (v - a.RibTop - 0.1 + 0.55 * (x - 0.3) - 0.5 * Sq(x - 0.3)) / (a.RibSpacing * 1.25);
            int j = (int)Math.Floor(s);
            if (j is >= 0 and < 6)
            {
                double p = (s - j) * a.RibSpacing * 1.25 / (a.RibThickness * 1.2);
                if (p < 1) sum += 0.45f * (float)(4 * p * (1 - p)) * (float)Math.Min(1, (x - 0.3) / 0.15);
            }
        }
        return ribContrast * sum;
    }

    float Clavicle(double x, double v)
    {
        if (x < 0.05 || x > 0.68) return 0;
        double center = a.ClavicleV - 0.26 * (x - 0.05) + 0.22 * Sq(x - 0.05);
        double p = (v - center) / 0.05 + 0.5;
        return p is > 0 and < 1 ? ClavicleDensity * (float)Math.Sqrt(4 * p * (1 - p)) : 0;
    }

    float Spine(double x, double v)
    {
        float column = Step((a.SpineHalfWidth - x) * 0.5);
        if (column == 0) return 0;
        double vertebra = 0.85 + 0.15 * Math.Cos(2 * Math.PI * (v - a.RibTop) / a.RibSpacing);
        return SpineDensity * column * (float)vertebra;
    }

    float Trachea(double x, double v) =>
        v > -0.12 ? 0 : TracheaDarkness * Step(0.032 - x) * Step((-0.12 - v) * 0.3);

    float Disc(double du, double dv, double radius) => Step(radius - Math.Sqrt(du * du + dv * dv));

    /// <summary>0 well outside (distance ≤ -softness), 1 well inside, smooth between.</summary>
    float Step(double distance, double widen = 1)
    {
        double w = soft * widen;
        double t = Math.Clamp((distance + w) / (2 * w), 0, 1);
        return (float)(t * t * (3 - 2 * t));
    }

    static double Sq(double x) => x * x;
}
