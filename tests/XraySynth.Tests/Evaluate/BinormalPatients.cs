namespace XraySynth.Tests.Evaluate;

/// <summary>
/// Simulated test sets with a known AUROC: each patient is positive or negative and has several images whose scores are
/// N(d·label, 1) marginally, correlated ρ within a patient (shared patient effect). Positive and negative images never
/// share a patient, so the expected pairwise AUROC is exactly Φ(d/√2).
/// </summary>
public sealed record BinormalPatients(double[] Scores, bool[] Labels, string[] PatientIds)
{
    /// <summary>Draws <paramref name="patients"/> patients of <paramref name="imagesPerPatient"/> images each.</summary>
    public static BinormalPatients Draw(Random random, int patients, int positivePatients, int imagesPerPatient, double d, double rho)
    {
        var scores = new List<double>();
        var labels = new List<bool>();
        var ids = new List<string>();
        for (int p = 0; p < patients; p++)
        {
            bool positive = p < positivePatients;
            double shared = Reference.Gaussian(random);
            for (int k = 0; k < imagesPerPatient; k++)
            {
                scores.Add((positive ? d : 0) + Math.Sqrt(rho) * shared + Math.Sqrt(1 - rho) * Reference.Gaussian(random));
                labels.Add(positive);
                ids.Add($"patient{p:D4}");
            }
        }
        return new BinormalPatients([.. scores], [.. labels], [.. ids]);
    }

    /// <summary>One distinct id per image: resampling them is the image-level bootstrap.</summary>
    public string[] ImageIds => [.. Enumerable.Range(0, Scores.Length).Select(i => $"image{i}")];
}
