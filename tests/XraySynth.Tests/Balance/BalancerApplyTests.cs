using System.Text.Json;
using XraySynth.Balance;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Balance.BalanceFixture;

namespace XraySynth.Tests.Balance;

/// <summary>Balancer.Apply on dataset folders with real image files.</summary>
public sealed class BalancerApplyTests
{
    static readonly BalanceConfig Config = new() { Target = 6, MaxSyntheticFraction = 1, MaxSyntheticFractionPerLabel = 1, Seed = 3 };

    static (Dataset Real, Dataset Synthetic) WriteInputs(TempDirectory temp)
    {
        var real = Write(Real(temp.File("data/real"), 30, ("Effusion", 6), ("Hernia", 2), ("Mass", 4), ("Nodule", 6)));
        var synthetic = Write(Synthetic(temp.File("generated/hernia"), "syn", ("Hernia", 3), ("Effusion|Hernia", 2), ("Mass", 5)));
        return (real, synthetic);
    }

    [Fact]
    public void Val_and_test_rows_are_carried_over_unchanged_and_only_train_grows()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        var plan = Balancer.Plan(real, [synthetic], Config);
        var merged = Dataset.Load(Balancer.Apply(plan, temp.File("balanced/out"), "xraysynth balance test").Root);

        foreach (var split in new[] { Split.Val, Split.Test })
        {
            var before = real.InSplit(split).ToList();
            var after = merged.InSplit(split).ToList();
            Assert.Equal(before.Count, after.Count);
            for (int i = 0; i < before.Count; i++)
            {
                Assert.Equal(before[i] with { Path = after[i].Path }, after[i]);
                Assert.Equal(real.FullPath(before[i]), merged.FullPath(after[i]));
            }
        }
        Assert.Equal(real.InSplit(Split.Train).Count() + plan.Additions.Count, merged.InSplit(Split.Train).Count());
        Assert.Equal(real.Images.Count + plan.Additions.Count, merged.Images.Count);
        Assert.Equal(real.Boxes, merged.Boxes);
    }

    [Fact]
    public void With_absolute_image_paths_the_val_and_test_manifest_lines_are_byte_for_byte_the_same()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        real = real.With(images: real.Images.Select(i => i with { Path = real.FullPath(i) }).ToList());
        real.Save();
        var merged = Balancer.Apply(Balancer.Plan(real, [synthetic], Config), temp.File("out"), "test");
        string[] Lines(Dataset d, string prefix) =>
            File.ReadAllLines(Path.Combine(d.Root, ManifestFile.FileName)).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        foreach (string prefix in new[] { "v0001,", "t0001," })
            Assert.Equal(Assert.Single(Lines(real, prefix)), Assert.Single(Lines(merged, prefix)));
    }

    [Fact]
    public void The_merged_dataset_passes_every_check_and_its_paths_reach_the_original_files_without_copies()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        var plan = Balancer.Plan(real, [synthetic], Config);
        var merged = Dataset.Load(Balancer.Apply(plan, temp.File("balanced/out"), "test").Root);

        DatasetChecks.EnsureValid(merged);
        var sources = synthetic.Images.ToDictionary(i => i.Id);
        foreach (var image in merged.Images)
        {
            Assert.False(Path.IsPathRooted(image.Path));
            string full = merged.FullPath(image);
            Assert.True(File.Exists(full), full);
            Assert.False(full.StartsWith(merged.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal), full);
            if (image.Source == ImageSource.Synthetic) Assert.Equal(synthetic.FullPath(sources[image.Id]), full);
        }
        Assert.Equal(6, TrainPositives(merged, "Hernia"));
        Assert.Equal(6, TrainPositives(merged, "Mass"));
    }

    [Fact]
    public void Dataset_json_names_the_strategy_the_sources_their_generator_hash_and_the_command()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        var merged = Dataset.Load(Balancer.Apply(Balancer.Plan(real, [synthetic], Config), temp.File("out"), "xraysynth balance --seed 3").Root);
        Assert.Equal("tiny+target-count", merged.Info.Name);
        Assert.Equal(Labels, merged.Info.Labels);
        Assert.Equal("xraysynth balance --seed 3", merged.Info.CreatedBy);
        Assert.Equal("CC0", merged.Info.License);
        Assert.Contains(Hash, merged.Info.Origin);
        Assert.Contains(synthetic.Root, merged.Info.Origin);
        Assert.Contains("of 10 synthetic images from synthetic-syn", merged.Info.Origin);
    }

    [Fact]
    public void The_report_folder_holds_the_csv_markdown_and_chart()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        var plan = Balancer.Plan(real, [synthetic], Config with { Target = 8 });
        var merged = Balancer.Apply(plan, temp.File("out"), "test");
        string report = Path.Combine(merged.Root, Balancer.ReportFolder);

        var csv = File.ReadAllLines(Path.Combine(report, BalanceReport.CsvFile));
        Assert.Equal("label,real_train,synthetic_added,after,synthetic_fraction,target,shortfall", csv[0]);
        // Hernia: 2 real + 5 synthetic (3 Hernia, 2 Effusion|Hernia) = 7 of 8; Effusion gains the 2 multi-label images.
        Assert.Equal("Hernia,2,5,7,0.7142857142857143,8,1", csv[2]);
        Assert.Equal("Effusion,6,2,8,0.25,8,0", csv[1]);
        Assert.Equal(5, csv.Length);
        string markdown = File.ReadAllText(Path.Combine(report, BalanceReport.MarkdownFile));
        Assert.Contains("| Hernia | 2 | 5 | 7 | 71.4% | 8 | 1 |", markdown);
        Assert.Contains("## Shortfalls", markdown);
        Assert.Contains("- Hernia: 7 of 8 (1 short): every synthetic image with this label is used (sample more)", markdown);
        byte[] png = File.ReadAllBytes(Path.Combine(report, BalanceReport.FigureFile));
        Assert.True(png.Length > 10_000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Apply_refuses_a_non_empty_folder_unless_forced_and_never_writes_over_an_input()
    {
        using var temp = new TempDirectory();
        var (real, synthetic) = WriteInputs(temp);
        var plan = Balancer.Plan(real, [synthetic], Config);
        Directory.CreateDirectory(temp.File("out"));
        File.WriteAllText(temp.File("out/keep.txt"), "x");
        Assert.Contains("is not empty", Assert.Throws<UserError>(() => Balancer.Apply(plan, temp.File("out"), "test")).Message);
        Balancer.Apply(plan, temp.File("out"), "test", overwrite: true);
        Assert.Contains("input dataset", Assert.Throws<UserError>(() => Balancer.Apply(plan, real.Root, "test", overwrite: true)).Message);
        Assert.Contains("input dataset", Assert.Throws<UserError>(() => Balancer.Apply(plan, synthetic.Root + "/", "test", overwrite: true)).Message);
    }

    [Fact]
    public void Oversampled_datasets_pass_the_checks_with_duplicates_sharing_patient_and_file()
    {
        using var temp = new TempDirectory();
        var (real, _) = WriteInputs(temp);
        var plan = Balancer.Plan(real, [], Config with { Strategy = BalanceStrategy.Oversample });
        var merged = Dataset.Load(Balancer.Apply(plan, temp.File("out"), "test").Root);
        DatasetChecks.EnsureValid(merged);
        Assert.Equal("tiny+oversample", merged.Info.Name);
        Assert.DoesNotContain(merged.Images, i => i.Source == ImageSource.Synthetic);
        var dup = merged.Images.First(i => i.Id.Contains("#dup", StringComparison.Ordinal));
        var original = merged.Images.Single(i => i.Id == dup.Id[..dup.Id.IndexOf('#')]);
        Assert.Equal((original.PatientId, original.Path), (dup.PatientId, dup.Path));
        Assert.Equal(6, TrainPositives(merged, "Hernia"));
    }
}
