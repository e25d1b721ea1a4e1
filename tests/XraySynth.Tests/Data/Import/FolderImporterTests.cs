using XraySynth.Data;
using XraySynth.Data.Import;
using XraySynth.Tests.TestSupport;
using static XraySynth.Tests.Data.Import.ImportFixtures;

namespace XraySynth.Tests.Data.Import;

public sealed class FolderImporterTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly RecordingReporter reporter = new();
    string Source => temp.File("src");
    string Out => temp.File("out");

    public void Dispose() => temp.Dispose();

    ImportSummary Import(bool skipBad = false) =>
        new FolderImporter().Import(new ImportOptions { Source = Source, Output = Out, SkipBad = skipBad }, reporter);

    [Fact]
    public void Imports_covid_radiography_class_folders_with_images_subfolders_ignoring_masks_and_splits_by_seed()
    {
        foreach (string cls in new[] { "COVID", "Normal", "Viral Pneumonia", "Lung_Opacity" })
            for (int i = 1; i <= 10; i++)
            {
                Png(Path.Combine(Source, cls, "images", $"{cls}-{i}.png"));
                Png(Path.Combine(Source, cls, "masks", $"{cls}-{i}.png"));
            }
        var summary = Import();
        var dataset = Dataset.Load(Out);

        Assert.Equal(40, summary.Images);
        Assert.Equal(["COVID-19", "Lung_Opacity", "Viral Pneumonia"], dataset.Vocabulary.Names);
        Assert.Empty(dataset.Images.Single(i => i.Id == "Normal/images/Normal-3.png").Labels);
        Assert.Equal(["COVID-19"], dataset.Images.Single(i => i.Id == "COVID/images/COVID-3.png").Labels);
        Assert.Equal("../src/COVID/images/COVID-3.png", dataset.Images.Single(i => i.Id == "COVID/images/COVID-3.png").Path);
        Assert.Equal((28, 4, 8), (summary.PerSplit[Split.Train], summary.PerSplit[Split.Val], summary.PerSplit[Split.Test]));
    }

    [Fact]
    public void Keeps_kermany_split_folders_and_takes_patients_from_person_file_names()
    {
        Png(Path.Combine(Source, "train", "NORMAL", "IM-0115-0001.png"));
        Png(Path.Combine(Source, "train", "PNEUMONIA", "person1_bacteria_1.png"));
        Png(Path.Combine(Source, "train", "PNEUMONIA", "person1_bacteria_2.png"));
        Png(Path.Combine(Source, "val", "PNEUMONIA", "person2_virus_1.png"));
        Png(Path.Combine(Source, "test", "NORMAL", "IM-0001-0001.png"));
        Import();
        var images = Dataset.Load(Out).Images;

        Assert.Equal(["Pneumonia"], Dataset.Load(Out).Vocabulary.Names);
        Assert.Equal([Split.Train, Split.Train, Split.Train, Split.Val, Split.Test], images.Select(i => i.Split).Order());
        Assert.Equal(2, images.Count(i => i.PatientId == "person1"));
        Assert.Equal("test/NORMAL/IM-0001-0001.png", images.Single(i => i.Split == Split.Test).PatientId);
    }

    [Fact]
    public void An_empty_folder_is_an_error_naming_it()
    {
        Directory.CreateDirectory(Source);
        var error = Assert.Throws<DataError>(() => Import());
        Assert.Contains(Source, error.Message);
        Assert.Contains("no class folders", error.Message);
    }

    [Fact]
    public void A_class_folder_without_images_is_an_error_and_skip_bad_lists_it()
    {
        Png(Path.Combine(Source, "PNEUMONIA", "a.png"));
        Png(Path.Combine(Source, "NORMAL", "b.png"));
        Lines(Path.Combine(Source, "COVID", "notes.txt"), "not an image");
        var error = Assert.Throws<XraySynth.Common.UserError>(() => Import());
        Assert.Contains($"{Path.Combine(Source, "COVID")}: no image files", error.Message);

        Assert.Equal(2, Import(skipBad: true).Images);
        Assert.Contains(reporter.Warnings, w => w.Contains("ignored 1 file(s) that are not images"));
    }

    [Fact]
    public void Only_normal_images_is_an_error()
    {
        Png(Path.Combine(Source, "Normal", "a.png"));
        Assert.Contains("at least one finding", Assert.Throws<DataError>(() => Import()).Message);
    }

    [Theory]
    [InlineData("NORMAL", "No Finding")]
    [InlineData("No Finding", "No Finding")]
    [InlineData("PNEUMONIA", "Pneumonia")]
    [InlineData("pleural thickening", "Pleural_Thickening")]
    [InlineData("covid", "COVID-19")]
    [InlineData("Viral Pneumonia", "Viral Pneumonia")]
    public void Maps_class_folder_names_to_labels(string folder, string label) =>
        Assert.Equal(label, FolderClassNames.LabelOf(folder));
}
