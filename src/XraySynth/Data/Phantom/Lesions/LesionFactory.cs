namespace XraySynth.Data.Phantom.Lesions;

/// <summary>
/// Draws a lesion's place, size and contrast for a patient. Sizes and contrasts vary by
/// <see cref="PhantomConfig.LesionJitter"/> around the configured visibility.
/// </summary>
public sealed class LesionFactory(PhantomConfig config, double softness)
{
    /// <summary>A lesion of <paramref name="finding"/> in <paramref name="anatomy"/>.</summary>
    public IPhantomLesion Create(PhantomFinding finding, PhantomAnatomy anatomy, Random random)
    {
        double Jitter(double value) => value * (1 + config.LesionJitter * (2 * random.NextDouble() - 1));
        double Between(double low, double high) => low + (high - low) * random.NextDouble();
        int side = random.NextDouble() < 0.5 ? -1 : 1;
        switch (finding)
        {
            case PhantomFinding.Cardiomegaly:
                return new Cardiomegaly(1 + Jitter(config.CardiomegalyEnlargement - 1));
            case PhantomFinding.Effusion:
                return new Effusion(anatomy, side, Between(0.06, 0.24), Math.Min(1, Jitter(config.EffusionOpacity)), softness);
            case PhantomFinding.Nodule:
            {
                double radius = Jitter(0.04);
                var (u, v) = PointInLung(anatomy, side, radius, random);
                return new RoundOpacity(finding, u, v, radius, Jitter(config.NoduleContrast), 0.06, random, softness);
            }
            case PhantomFinding.Mass:
            {
                double radius = Jitter(0.11);
                var (u, v) = PointInLung(anatomy, side, radius * 0.6, random);
                return new RoundOpacity(finding, u, v, radius, Jitter(config.MassContrast), 0.16, random, softness);
            }
            case PhantomFinding.Pneumothorax:
            {
                double top = anatomy.LungTop(side);
                double bottom = top + Between(0.35, 0.8) * (anatomy.Dome(side) - top);
                return new Pneumothorax(side, Jitter(0.07), bottom, Jitter(config.PneumothoraxContrast), softness);
            }
            case PhantomFinding.Consolidation:
            {
                double ru = Jitter(0.13), rv = Jitter(0.15);
                var (u, v) = PointInLung(anatomy, side, 0.06, random);
                return new Consolidation(u, v, ru, rv, Jitter(config.ConsolidationContrast), random);
            }
            case PhantomFinding.Hernia:
            {
                double radius = Jitter(0.085);
                double u = anatomy.HeartU + Between(-0.08, 0.06);
                double v = anatomy.DomeLeft - radius * Between(0.6, 1.1);
                return new HiatalHernia(u, v, radius, Jitter(config.HerniaContrast), Between(0.3, 0.6), softness);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(finding), finding, null);
        }
    }

    /// <summary>A point at least <paramref name="margin"/> inside the lung on <paramref name="side"/> (rejection sampling).</summary>
    static (double U, double V) PointInLung(PhantomAnatomy anatomy, int side, double margin, Random random)
    {
        double top = anatomy.LungTop(side), bottom = anatomy.CostophrenicAngle(side).V;
        double center = anatomy.LungCenter, half = anatomy.LungHalfWidth;
        (double, double) best = (side * center, (top + bottom) / 2);
        double bestDepth = double.NegativeInfinity;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            double u = side * (center + half * (2 * random.NextDouble() - 1));
            double v = top + (bottom - top) * random.NextDouble();
            double depth = anatomy.LungDepth(side, u, v, out _);
            if (depth >= margin) return (u, v);
            if (depth > bestDepth) { bestDepth = depth; best = (u, v); }
        }
        return best;
    }
}
