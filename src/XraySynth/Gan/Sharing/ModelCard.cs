using System.Globalization;
using System.Text;

namespace XraySynth.Gan.Sharing;

/// <summary>The Markdown model card of a bundle (Mitchell et al. 2019, shortened): data, labels, size, quality, memorization, intended use.</summary>
public static class ModelCard
{
    /// <summary>Writes the card.</summary>
    public static string Write(BundleConfig config, QualitySummary quality)
    {
        var card = new StringBuilder();
        string kind = config.Kind == GanKind.Pggan ? "PGGAN (progressive growing, Karras et al. 2018)" : "DCGAN (Radford et al. 2016)";
        card.AppendLine(CultureInfo.InvariantCulture, $"# Model card: conditional {config.Kind.ToString().ToUpperInvariant()} chest X-ray generator ({config.Run})");
        card.AppendLine();
        card.AppendLine("## Intended use");
        card.AppendLine();
        card.AppendLine("**Research only. Not for diagnosis, clinical decisions, or any use on patients.** Synthetic images may show");
        card.AppendLine("anatomy or findings that are implausible; they are meant for studying class balancing and data augmentation.");
        card.AppendLine();
        card.AppendLine("## Model");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"- Architecture: {kind}, class-conditional on a multi-hot label vector, latent size {config.LatentSize}");
        string phase = config.Alpha < 1 ? $" (fade-in alpha {F(config.Alpha)}: the run had not finished growing)" : "";
        card.AppendLine(CultureInfo.InvariantCulture, $"- Resolution: {config.SampleResolution}x{config.SampleResolution} px, grayscale{phase}");
        card.AppendLine(CultureInfo.InvariantCulture, $"- Training length: {F(config.Kimg)} kimg (thousands of real images shown to the discriminator)");
        card.AppendLine("- Weights: exponential moving average of the generator, `generator.safetensors` (PyTorch names of bench/reference)");
        card.AppendLine(CultureInfo.InvariantCulture, $"- Source snapshot SHA-256: `{config.SnapshotSha256}`");
        card.AppendLine();
        card.AppendLine("## Labels (condition order)");
        card.AppendLine();
        for (int i = 0; i < config.Labels.Count; i++) card.AppendLine(CultureInfo.InvariantCulture, $"{i}. {config.Labels[i]}");
        card.AppendLine();
        card.AppendLine("An all-zero vector asks for No Finding; several ones ask for co-occurring findings.");
        card.AppendLine();
        card.AppendLine("## Training data");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"- Dataset: {config.TrainingData}");
        card.AppendLine(CultureInfo.InvariantCulture, $"- Source and license: {config.TrainingDataLicense}");
        card.AppendLine();
        card.AppendLine("## Quality");
        card.AppendLine();
        if (quality.Fid is null && quality.KidMean is null && quality.Precision is null && quality.Recall is null)
            card.AppendLine("Not measured.");
        else
        {
            card.AppendLine(CultureInfo.InvariantCulture, $"Features: {quality.Features ?? "not stated"}.");
            card.AppendLine();
            card.AppendLine("| FID | KID (mean ± sd) | Precision | Recall | Density | Coverage |");
            card.AppendLine("|---|---|---|---|---|---|");
            string kid = quality.KidMean is { } m ? $"{F(m)} ± {(quality.KidSd is { } s ? F(s) : "?")}" : "not measured";
            card.AppendLine(CultureInfo.InvariantCulture,
                $"| {N(quality.Fid)} | {kid} | {N(quality.Precision)} | {N(quality.Recall)} | {N(quality.Density)} | {N(quality.Coverage)} |");
        }
        card.AppendLine();
        card.AppendLine("## Memorization audit");
        card.AppendLine();
        card.AppendLine(quality.MemorizationVerdict is { } verdict
            ? $"Verdict: **{verdict}**" + (quality.Flagged is { } f && quality.Audited is { } t ? $" ({f} of {t} synthetic images flagged as near-copies of training images)." : ".")
            : "Not measured. Check for near-copies of training images before sharing images made from patient data.");
        card.AppendLine();
        card.AppendLine("## Files");
        card.AppendLine();
        card.AppendLine("`config.json` (architecture, labels), `generator.safetensors`, `samples.png` (one row per condition), `MODEL_CARD.md`,");
        card.AppendLine("`manifest.json` (SHA-256 of every other entry). Load with `xraysynth gan sample --bundle`, or in PyTorch with");
        card.AppendLine("`bench/reference/load_safetensors.py`. Nothing in the bundle is executable.");
        return card.ToString();
    }

    static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    static string N(double? v) => v is { } x ? F(x) : "not measured";
}
