using XraySynth.Common;
using XraySynth.Data.Phantom.Lesions;

namespace XraySynth.Data.Phantom;

/// <summary>
/// Turns an image plan into a scene. Anatomy and lesion geometry come from the patient's streams (the same nodule
/// in every follow-up); pose, exposure, noise and follow-up variation from the image's stream.
/// </summary>
public sealed class PhantomSceneBuilder(PhantomConfig config)
{
    readonly LesionFactory lesions = new(config, Math.Max(0.008, 1.6 / config.Size));

    /// <summary>The scene of <paramref name="image"/>.</summary>
    public PhantomScene Build(PhantomImagePlan image)
    {
        var patient = image.Patient;
        var baseline = PhantomAnatomy.Sample(SeedDerivation.CreateRandom(config.Seed, $"patient/{patient.Number}/anatomy"), patient.Sex);
        var random = SeedDerivation.CreateRandom(config.Seed, $"image/{image.Index}/scene");
        double S(double spread) => (random.NextDouble() * 2 - 1) * spread;

        var anatomy = image.FollowUp == 0 ? baseline : baseline.FollowUp(random);
        bool ap = image.ViewPosition == "AP";
        if (ap) anatomy = anatomy with { HeartHalfWidth = anatomy.HeartHalfWidth * 1.07, ClavicleV = anatomy.ClavicleV - 0.05 };

        double pj = config.PoseJitter * (ap ? 1.5 : 1);
        var pose = new PhantomPose(S(0.04 * pj), S(0.04 * pj), 1 + S(0.04 * pj) - (ap ? 0.0 : 0.02), S(0.05 * pj));

        double ej = config.ExposureJitter;
        var exposure = new PhantomExposure(
            Low: 0.0 + S(0.04 * ej),
            High: (ap ? 0.98 : 0.92) + S(0.06 * ej),
            Gamma: 1.0 + S(0.15 * ej),
            Noise: config.NoiseLevel * (1 + S(0.25)),
            Shading: 0.025 * ej * random.NextDouble());

        var list = new List<IPhantomLesion>(image.Findings.Count);
        foreach (var finding in image.Findings)
        {
            var lesionRandom = SeedDerivation.CreateRandom(config.Seed, $"patient/{patient.Number}/lesion/{PhantomFindings.Name(finding)}");
            list.Add(lesions.Create(finding, baseline, lesionRandom));
        }
        return new PhantomScene(config.Size, anatomy, patient.Sex == "F", pose, exposure, config.RibContrast, random.Next(), list);
    }
}
