using System.ComponentModel;
using XraySynth.Configuration;

namespace XraySynth.Data.Phantom;

/// <summary>
/// The <c>phantom:</c> section of a config file: how many procedural chest radiographs to make, how large,
/// how often each finding occurs and how visible it is.
/// </summary>
/// <remarks>
/// Default prevalences form a long tail like NIH ChestX-ray14's (per image, independent draws):
/// <code>
///   Cardiomegaly   15 %      Mass           3.5 %
///   Effusion       11 %      Pneumothorax   2.5 %
///   Nodule          7 %      Hernia         1 %
///   Consolidation   5 %
/// </code>
/// Effusion co-occurs with Cardiomegaly (<see cref="EffusionWithCardiomegaly"/>) with its marginal kept.
/// Contrasts are in density units where a rib adds <see cref="RibContrast"/> and the lungs are 0.42 darker
/// than soft tissue; the rarest findings are also the subtlest.
/// </remarks>
public sealed record PhantomConfig : IValidatedConfig
{
    /// <summary>YAML section name.</summary>
    public const string Section = "phantom";

    [Description("Number of images.")]
    [ConfigRange(1, 10_000_000)]
    public int Count { get; init; } = 1000;

    [Description("Image width and height in pixels: a power of two from 32 to 1024.")]
    [ConfigRange(32, 1024)]
    public int Size { get; init; } = 128;

    [Description("Seed: the same seed and settings give byte-identical images and CSVs.")]
    [ConfigRange(0, long.MaxValue)]
    public long Seed { get; init; }

    [Description("Fraction of patients in the train split.")]
    [ConfigRange(0, 1)]
    public double TrainFraction { get; init; } = 0.7;

    [Description("Fraction of patients in the val split; the rest are test.")]
    [ConfigRange(0, 1)]
    public double ValFraction { get; init; } = 0.1;

    [Description("Most images (follow-ups) per patient.")]
    [ConfigRange(1, 100)]
    public int MaxFollowUps { get; init; } = 5;

    [Description("Probability that a patient has one more follow-up (geometric counts, mean about 1.8).")]
    [ConfigRange(0, 0.95)]
    public double FollowUpProbability { get; init; } = 0.45;

    [Description("Probability that a follow-up keeps the previous image's findings (marginal prevalences unchanged).")]
    [ConfigRange(0, 1)]
    public double FindingPersistence { get; init; } = 0.5;

    [Description("Fraction of AP (bedside) views; the rest are PA. AP magnifies the heart slightly.")]
    [ConfigRange(0, 1)]
    public double ApFraction { get; init; } = 0.2;

    [Description("Prevalence of Cardiomegaly (enlarged heart; its box is the heart).")]
    [ConfigRange(0, 1)]
    public double CardiomegalyPrevalence { get; init; } = 0.15;

    [Description("Prevalence of Effusion (meniscus-shaped opacity at a costophrenic angle).")]
    [ConfigRange(0, 1)]
    public double EffusionPrevalence { get; init; } = 0.11;

    [Description("Prevalence of Mass (large lobulated opacity).")]
    [ConfigRange(0, 1)]
    public double MassPrevalence { get; init; } = 0.035;

    [Description("Prevalence of Nodule (small round opacity).")]
    [ConfigRange(0, 1)]
    public double NodulePrevalence { get; init; } = 0.07;

    [Description("Prevalence of Pneumothorax (lucent rim without lung markings, thin pleural line).")]
    [ConfigRange(0, 1)]
    public double PneumothoraxPrevalence { get; init; } = 0.025;

    [Description("Prevalence of Consolidation (patchy airspace opacity).")]
    [ConfigRange(0, 1)]
    public double ConsolidationPrevalence { get; init; } = 0.05;

    [Description("Prevalence of Hernia (hiatal: retrocardiac opacity with a gas bubble above the diaphragm).")]
    [ConfigRange(0, 1)]
    public double HerniaPrevalence { get; init; } = 0.01;

    [Description("How much likelier Effusion is with Cardiomegaly than its prevalence (1 = independent).")]
    [ConfigRange(1, 10)]
    public double EffusionWithCardiomegaly { get; init; } = 2.0;

    [Description("Nodule contrast (density units; comparable to rib contrast).")]
    [ConfigRange(0, 1)]
    public double NoduleContrast { get; init; } = 0.09;

    [Description("Mass contrast.")]
    [ConfigRange(0, 1)]
    public double MassContrast { get; init; } = 0.11;

    [Description("Effusion opacity: fraction of the lung's darkness the fluid fills in.")]
    [ConfigRange(0, 1)]
    public double EffusionOpacity { get; init; } = 0.6;

    [Description("Cardiomegaly: mean factor on heart width (normal hearts vary by about ±6 %).")]
    [ConfigRange(1, 2)]
    public double CardiomegalyEnlargement { get; init; } = 1.28;

    [Description("Pneumothorax contrast: extra lucency of the air rim and brightness of the pleural line.")]
    [ConfigRange(0, 1)]
    public double PneumothoraxContrast { get; init; } = 0.05;

    [Description("Consolidation contrast.")]
    [ConfigRange(0, 1)]
    public double ConsolidationContrast { get; init; } = 0.11;

    [Description("Hernia contrast (soft tissue over the heart shadow and its gas bubble).")]
    [ConfigRange(0, 1)]
    public double HerniaContrast { get; init; } = 0.05;

    [Description("Relative spread of every lesion's contrast and size (0 = fixed).")]
    [ConfigRange(0, 0.9)]
    public double LesionJitter { get; init; } = 0.35;

    [Description("Rib contrast (density units).")]
    [ConfigRange(0, 1)]
    public double RibContrast { get; init; } = 0.08;

    [Description("Pixel noise standard deviation (density units).")]
    [ConfigRange(0, 1)]
    public double NoiseLevel { get; init; } = 0.025;

    [Description("Scale of pose variation: shift, zoom and rotation (0 = every image centred).")]
    [ConfigRange(0, 3)]
    public double PoseJitter { get; init; } = 1.0;

    [Description("Scale of exposure variation: brightness, contrast and gamma (0 = fixed).")]
    [ConfigRange(0, 3)]
    public double ExposureJitter { get; init; } = 1.0;

    [Description("Worker threads; null = one per logical processor. The output does not depend on it.")]
    [ConfigRange(1, 1024)]
    public int? Threads { get; init; }

    /// <summary>Prevalence of <paramref name="finding"/> as configured.</summary>
    public double Prevalence(PhantomFinding finding) => finding switch
    {
        PhantomFinding.Cardiomegaly => CardiomegalyPrevalence,
        PhantomFinding.Effusion => EffusionPrevalence,
        PhantomFinding.Mass => MassPrevalence,
        PhantomFinding.Nodule => NodulePrevalence,
        PhantomFinding.Pneumothorax => PneumothoraxPrevalence,
        PhantomFinding.Consolidation => ConsolidationPrevalence,
        PhantomFinding.Hernia => HerniaPrevalence,
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding, null),
    };

    /// <inheritdoc />
    public IEnumerable<(string Key, string Message)> Validate()
    {
        if (Size < 32 || Size > 1024 || (Size & (Size - 1)) != 0)
            yield return ("size", $"{Size}: expected a power of two from 32 to 1024 (32, 64, 128, 256, 512, 1024)");
        if (Count < 1) yield return ("count", $"{Count}: expected at least 1 image");
        if (Threads is < 1) yield return ("threads", $"{Threads}: expected at least 1 thread");
        if (TrainFraction < 0 || ValFraction < 0 || TrainFraction + ValFraction > 1 + 1e-9)
            yield return ("val_fraction", $"train_fraction {TrainFraction} + val_fraction {ValFraction}: expected fractions in [0, 1] summing to at most 1 (the rest is test)");
        foreach (var finding in PhantomFindings.All)
        {
            double p = Prevalence(finding);
            if (!(p >= 0 && p <= 1))
                yield return (Configuration.ConfigNames.ToSnakeCase(finding + "Prevalence"), $"{p}: expected a probability in [0, 1]");
        }
    }

    /// <summary>Throws a <see cref="Common.UserError"/> listing every problem (for values set by flags rather than a file).</summary>
    public PhantomConfig Checked()
    {
        var problems = Validate().Select(p => $"{p.Key}: {p.Message}").ToList();
        if (problems.Count > 0) throw new Common.UserError(string.Join(Environment.NewLine, problems));
        return this;
    }
}
