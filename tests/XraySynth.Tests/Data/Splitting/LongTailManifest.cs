using XraySynth.Data;

namespace XraySynth.Tests.Data.Splitting;

/// <summary>
/// A random multi-label dataset in memory: ~3,000 images over 1,000 patients (1 to 5 images each), 10 labels
/// with long-tail prevalences from 25% down to 1%, labels correlated within a patient as in NIH.
/// </summary>
public static class LongTailManifest
{
    /// <summary>Label names, commonest first.</summary>
    public static readonly string[] Labels = ["L0", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"];

    static readonly double[] Prevalences = [0.25, 0.15, 0.10, 0.07, 0.05, 0.04, 0.03, 0.02, 0.015, 0.01];

    /// <summary>The dataset; every image starts in <paramref name="split"/> unless <paramref name="testEvery"/> puts every n-th patient in test.</summary>
    public static Dataset Create(int seed = 11, int patients = 1000, Split split = Split.Train, int testEvery = 0)
    {
        var random = new Random(seed);
        var images = new List<ImageRecord>();
        for (int p = 0; p < patients; p++)
        {
            int count = random.Next(1, 6);
            var patientHas = Prevalences.Select(prevalence => random.NextDouble() < prevalence * 1.5).ToArray();
            for (int i = 0; i < count; i++)
            {
                var labels = Labels.Where((_, l) => patientHas[l] && random.NextDouble() < 0.67).ToArray();
                images.Add(new ImageRecord
                {
                    Id = $"{p:D5}_{i:D3}.png", Path = $"images/{p:D5}_{i:D3}.png", PatientId = $"P{p:D5}",
                    Split = testEvery > 0 && p % testEvery == 0 ? Split.Test : split, Labels = labels, Width = 64, Height = 64,
                });
            }
        }
        return new Dataset("/tmp/long-tail", new DatasetInfo { Name = "long-tail", Labels = Labels }, images, []);
    }

    /// <summary>Positive patients per label over the whole dataset.</summary>
    public static int[] PositivePatients(Dataset dataset) =>
        Labels.Select(l => dataset.Images.Where(i => i.Has(l)).Select(i => i.PatientId).Distinct().Count()).ToArray();
}
