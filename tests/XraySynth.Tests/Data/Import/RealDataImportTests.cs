using System.Diagnostics;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Import;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Import;

/// <summary>Imports the real data in ../shared/data and checks the counts its README states.</summary>
public sealed class RealDataImportTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [SharedDataFact("nih-cxr14-subset")]
    public void Nih_subset_imports_the_2467_present_images_with_the_official_split_labels_boxes_and_patients()
    {
        var reporter = new RecordingReporter();
        var clock = Stopwatch.StartNew();
        var summary = new NihImporter().Import(new ImportOptions { Source = SharedData.Path("nih-cxr14-subset")!, Output = temp.File("nih") }, reporter);
        clock.Stop();
        var dataset = Dataset.Load(temp.File("nih"));

        Assert.Equal(2467, summary.Images);
        Assert.Equal(112120 - 2467, summary.Missing);
        Assert.Contains(reporter.Warnings, w => w.StartsWith("109653 of 112120 images listed in Data_Entry_2017.csv are not on disk"));
        var trainVal = dataset.Images.Where(i => i.Split != Split.Test).ToList();
        var test = dataset.InSplit(Split.Test).ToList();
        Assert.Equal((1355, 1112), (trainVal.Count, test.Count));
        Assert.Equal(1681, summary.Patients);
        Assert.Equal(984, summary.Boxes);
        var ids = dataset.Images.Select(i => i.Id).ToHashSet();
        Assert.All(dataset.Boxes, b => Assert.Contains(b.ImageId, ids));
        Assert.All(dataset.Boxes, b => Assert.InRange(b.X + b.W, 0, 256 + 1e-6));

        var expected = new Dictionary<string, (int TrainVal, int Test)>
        {
            ["Atelectasis"] = (85, 307), ["Cardiomegaly"] = (49, 189), ["Effusion"] = (72, 318), ["Infiltration"] = (112, 321),
            ["Mass"] = (55, 152), ["Nodule"] = (81, 165), ["Pneumonia"] = (28, 132), ["Pneumothorax"] = (39, 168),
            ["Consolidation"] = (73, 80), ["Edema"] = (15, 44), ["Emphysema"] = (35, 40), ["Fibrosis"] = (43, 30),
            ["Pleural_Thickening"] = (60, 47), ["Hernia"] = (18, 4),
        };
        foreach (var (label, (tv, te)) in expected)
            Assert.True((tv, te) == (trainVal.Count(i => i.Has(label)), test.Count(i => i.Has(label))), label);
        Assert.Equal((898, 180), (trainVal.Count(i => i.Labels.Count == 0), test.Count(i => i.Labels.Count == 0)));

        // val is a patient-disjoint ~10% of the train_val patients.
        Assert.All(dataset.Images.GroupBy(i => i.PatientId), g => Assert.Single(g.Select(i => i.Split).Distinct()));
        int valPatients = dataset.InSplit(Split.Val).Select(i => i.PatientId).Distinct().Count();
        int trainValPatients = trainVal.Select(i => i.PatientId).Distinct().Count();
        Assert.InRange(valPatients, trainValPatients * 0.05, trainValPatients * 0.15);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"import took {clock.Elapsed}");
    }

    [SharedDataFact("pneumoniamnist/pneumoniamnist.npz")]
    public void PneumoniaMnist_imports_its_official_splits_half_pneumonia()
    {
        var summary = new MedMnistImporter().Import(
            new ImportOptions { Source = SharedData.Path("pneumoniamnist/pneumoniamnist.npz")!, Output = temp.File("pm") }, NullReporter.Instance);
        var dataset = Dataset.Load(temp.File("pm"));
        Assert.Equal((2428, 270, 468), (summary.PerSplit[Split.Train], summary.PerSplit[Split.Val], summary.PerSplit[Split.Test]));
        foreach (var split in Enum.GetValues<Split>())
        {
            var images = dataset.InSplit(split).ToList();
            Assert.Equal(images.Count / 2, images.Count(i => i.Has("Pneumonia")));
        }
        Assert.Equal(3166, Directory.GetFiles(temp.File("pm/images")).Length);
    }

    [SharedDataFact("fixtures/nih-64px-mini")]
    public void Nih_64px_mini_imports_from_labels_csv_with_images_beside_it()
    {
        var summary = new NihImporter().Import(new ImportOptions { Source = SharedData.Path("fixtures/nih-64px-mini")!, Output = temp.File("mini") }, NullReporter.Instance);
        var dataset = Dataset.Load(temp.File("mini"));
        Assert.Equal(32, summary.Images);
        Assert.Equal(0, summary.Missing);
        Assert.All(dataset.Images, i => Assert.Equal((64, 64), (i.Width, i.Height)));
        Assert.All(LabelVocabulary.Nih14.Names, l => Assert.True(dataset.Images.Count(i => i.Has(l)) >= 3, l));
    }
}
