using XraySynth.Data;
using XraySynth.Data.Splitting;

namespace XraySynth.Tests.Data.Splitting;

public sealed class DatasetSplitterTests
{
    static readonly double[] Fractions = [0.7, 0.1, 0.2];

    static SplitResult SplitLongTail(long seed = 3) => DatasetSplitter.Split(LongTailManifest.Create(), new SplitConfig { Seed = seed });

    [Fact]
    public void No_patient_spans_two_splits()
    {
        var result = SplitLongTail();
        var splitsPerPatient = result.Dataset.Images.GroupBy(i => i.PatientId).Select(g => g.Select(i => i.Split).Distinct().Count());
        Assert.All(splitsPerPatient, n => Assert.Equal(1, n));
    }

    [Fact]
    public void Every_label_with_at_least_three_positive_patients_has_positives_in_every_split()
    {
        var source = LongTailManifest.Create();
        var result = DatasetSplitter.Split(source, new SplitConfig { Seed = 3 });
        int[] patients = LongTailManifest.PositivePatients(source);
        Assert.Contains(patients, p => p < 30); // the rarest labels are really rare
        for (int l = 0; l < patients.Length; l++)
            if (patients[l] >= 3)
                for (int j = 0; j < 3; j++)
                    Assert.True(result.PositivePatients[j, l] > 0, $"label {LongTailManifest.Labels[l]} ({patients[l]} patients) missing from split {j}");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Split_sizes_are_within_two_percent_of_the_fractions()
    {
        var result = SplitLongTail();
        double total = result.Dataset.Images.Count;
        for (int j = 0; j < 3; j++)
            Assert.InRange(result.Stats.Splits[j].Images / total, Fractions[j] - 0.02, Fractions[j] + 0.02);
    }

    [Fact]
    public void Label_proportions_follow_the_fractions_more_closely_than_a_random_patient_split()
    {
        double stratified = 0, random = 0;
        for (int seed = 0; seed < 5; seed++)
        {
            var source = LongTailManifest.Create(seed: 100 + seed);
            stratified += MeanLabelDeviation(DatasetSplitter.Split(source, new SplitConfig { Seed = seed }).Dataset);
            random += MeanLabelDeviation(RandomPatientSplit(source, seed));
        }
        Assert.True(stratified < random * 0.6, $"stratified mean deviation {stratified / 5:F4} vs random {random / 5:F4}");
        Assert.True(stratified / 5 < 0.03, $"stratified mean deviation {stratified / 5:F4}");
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var a = SplitLongTail(seed: 5).Dataset.Images.Select(i => i.Split).ToList();
        var b = SplitLongTail(seed: 5).Dataset.Images.Select(i => i.Split).ToList();
        var c = SplitLongTail(seed: 6).Dataset.Images.Select(i => i.Split).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Rows_keep_their_order_and_everything_but_the_split()
    {
        var source = LongTailManifest.Create();
        var result = DatasetSplitter.Split(source, new SplitConfig());
        Assert.Equal(source.Images.Select(i => i with { Split = Split.Train }), result.Dataset.Images.Select(i => i with { Split = Split.Train }));
    }

    [Fact]
    public void Keep_test_leaves_test_rows_unchanged_and_splits_the_rest_into_train_and_val()
    {
        var source = LongTailManifest.Create(testEvery: 4);
        var result = DatasetSplitter.Split(source, new SplitConfig { KeepTest = true, Seed = 2 });
        for (int i = 0; i < source.Images.Count; i++)
            Assert.Equal(source.Images[i].Split == Split.Test, result.Dataset.Images[i].Split == Split.Test);
        int train = result.Stats.Splits[0].Images, val = result.Stats.Splits[1].Images;
        Assert.InRange((double)train / (train + val), 0.875 - 0.02, 0.875 + 0.02);
        Assert.Equal(source.InSplit(Split.Test).Count(), result.Stats.Splits[2].Images);
    }

    [Fact]
    public void Keep_test_refuses_a_test_split_that_shares_patients_with_the_rest()
    {
        var source = LongTailManifest.Create(testEvery: 4);
        var images = source.Images.ToList();
        int leak = images.FindIndex(i => i.PatientId == "P00000" && i.Split == Split.Test);
        images.Insert(leak + 1, images[leak] with { Id = "leak.png", Split = Split.Train });
        var error = Assert.Throws<DataError>(() => DatasetSplitter.Split(source.With(images: images), new SplitConfig { KeepTest = true }));
        Assert.Contains("patient 'P00000' has test rows", error.Message);
        Assert.Equal(leak + 1 + 2, error.Issues[0].Line);
    }

    [Fact]
    public void Keep_test_without_test_rows_is_a_user_error()
    {
        var error = Assert.Throws<XraySynth.Common.UserError>(() => DatasetSplitter.Split(LongTailManifest.Create(), new SplitConfig { KeepTest = true }));
        Assert.Contains("no test rows", error.Message);
    }

    [Fact]
    public void Synthetic_images_stay_in_train_and_pin_a_patient_sharing_their_id()
    {
        var source = LongTailManifest.Create(patients: 200);
        var images = source.Images.ToList();
        var synthetic = new ImageRecord { Id = "syn.png", Path = "gen/syn.png", PatientId = "P00001", Split = Split.Test, Source = ImageSource.Synthetic, Labels = ["L9"] };
        images.Add(synthetic);
        images.Add(synthetic with { Id = "syn2.png", PatientId = "synthetic-0", Split = Split.Val });
        for (int seed = 0; seed < 5; seed++)
        {
            var result = DatasetSplitter.Split(source.With(images: images), new SplitConfig { Seed = seed });
            Assert.All(result.Dataset.Images.Where(i => i.Source == ImageSource.Synthetic || i.PatientId == "P00001"), i => Assert.Equal(Split.Train, i.Split));
            Assert.Contains(result.Warnings, w => w.Contains("2 synthetic image(s) were in val or test"));
        }
    }

    [Fact]
    public void Warns_about_a_label_with_fewer_positive_patients_than_splits()
    {
        var source = LongTailManifest.Create(patients: 100);
        var images = source.Images.Select(i => i with { Labels = i.Labels.Where(l => l != "L9").ToArray() }).ToList();
        images[0] = images[0] with { Labels = [.. images[0].Labels, "L9"] };
        var result = DatasetSplitter.Split(source.With(images: images), new SplitConfig());
        Assert.Contains(result.Warnings, w => w.Contains("label 'L9' has 1 positive patient(s) to split, fewer than the 3 splits"));
    }

    [Fact]
    public void Fractions_that_do_not_add_up_to_one_are_a_user_error()
    {
        var error = Assert.Throws<XraySynth.Common.UserError>(() => DatasetSplitter.Split(LongTailManifest.Create(patients: 10), new SplitConfig { Train = 0.8 }));
        Assert.Contains("add up to 1.1", error.Message);
    }

    /// <summary>Mean over labels and splits of |share of the label's positives in the split − the split's fraction|.</summary>
    static double MeanLabelDeviation(Dataset dataset)
    {
        var deviations = new List<double>();
        foreach (string label in LongTailManifest.Labels)
        {
            var positives = dataset.Images.Where(i => i.Has(label)).ToList();
            for (int j = 0; j < 3; j++)
                deviations.Add(Math.Abs((double)positives.Count(i => i.Split == (Split)j) / positives.Count - Fractions[j]));
        }
        return deviations.Average();
    }

    /// <summary>Baseline: patients in a seeded random order, filling train, then val, then test by image count.</summary>
    static Dataset RandomPatientSplit(Dataset dataset, int seed)
    {
        var patients = dataset.Images.Select(i => i.PatientId).Distinct().ToArray();
        new Random(seed).Shuffle(patients);
        var sizes = dataset.Images.GroupBy(i => i.PatientId).ToDictionary(g => g.Key, g => g.Count());
        var splitOf = new Dictionary<string, Split>();
        double total = dataset.Images.Count, filled = 0;
        foreach (string p in patients)
        {
            splitOf[p] = filled < Fractions[0] * total ? Split.Train : filled < (Fractions[0] + Fractions[1]) * total ? Split.Val : Split.Test;
            filled += sizes[p];
        }
        return dataset.With(images: dataset.Images.Select(i => i with { Split = splitOf[i.PatientId] }).ToList());
    }
}
