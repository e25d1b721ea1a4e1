using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Images;
using XraySynth.Data.Phantom;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Data.Phantom;

public sealed class PhantomGeneratorTests
{
    static Dataset Generate(string folder, long seed, int threads = 2, int count = 30, int size = 64) =>
        PhantomGenerator.Generate(new PhantomConfig { Count = count, Size = size, Seed = seed, Threads = threads }, folder, "test", false, NullReporter.Instance);

    [Fact]
    public void Same_seed_gives_identical_csvs_and_png_bytes_whatever_the_thread_count()
    {
        using var temp = new TempDirectory();
        Generate(temp.File("a"), seed: 5, threads: 1);
        Generate(temp.File("b"), seed: 5, threads: 2);
        foreach (string file in new[] { ManifestFile.FileName, BoxesFile.FileName })
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("a"), file)), File.ReadAllBytes(Path.Combine(temp.File("b"), file)));
        foreach (string png in Directory.GetFiles(Path.Combine(temp.File("a"), "images")).Order().Take(6))
            Assert.Equal(File.ReadAllBytes(png), File.ReadAllBytes(Path.Combine(temp.File("b"), "images", Path.GetFileName(png))));
    }

    [Fact]
    public void Different_seeds_give_different_datasets()
    {
        using var temp = new TempDirectory();
        Generate(temp.File("a"), seed: 5);
        Generate(temp.File("b"), seed: 6);
        Assert.NotEqual(File.ReadAllText(Path.Combine(temp.File("a"), ManifestFile.FileName)), File.ReadAllText(Path.Combine(temp.File("b"), ManifestFile.FileName)));
        string first = Path.Combine("images", "P00001_000.png");
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(temp.File("a"), first)), File.ReadAllBytes(Path.Combine(temp.File("b"), first)));
    }

    [Fact]
    public void Dataset_loads_back_equal_with_boxes_inside_images_and_labels_in_the_vocabulary()
    {
        using var temp = new TempDirectory();
        var written = Generate(temp.File("d"), seed: 2, count: 80, size: 64);
        var loaded = Dataset.Load(temp.File("d"));

        Assert.Equal("phantom", loaded.Info.Name);
        Assert.Equal(PhantomGenerator.License, loaded.Info.License);
        Assert.Equal(PhantomFindings.Vocabulary, loaded.Vocabulary);
        Assert.Equal(written.Images, loaded.Images);
        Assert.Equal(written.Boxes, loaded.Boxes);
        Assert.Equal(80, loaded.Images.Count);
        Assert.NotEmpty(loaded.Boxes);
        var images = loaded.Images.ToDictionary(i => i.Id);
        foreach (var box in loaded.Boxes)
        {
            var image = images[box.ImageId];
            Assert.True(image.Has(box.Label), $"{box.ImageId} has a {box.Label} box but not the label");
            Assert.InRange(box.X, 0, image.Width - 1);
            Assert.InRange(box.Y, 0, image.Height - 1);
            Assert.InRange(box.X + box.W, 1, image.Width);
            Assert.InRange(box.Y + box.H, 1, image.Height);
        }
        // Every label has its box.
        foreach (var image in loaded.Images)
            Assert.Equal(image.Labels.Order(), loaded.Boxes.Where(b => b.ImageId == image.Id).Select(b => b.Label).Order());
        foreach (var image in loaded.Images)
        {
            Assert.Equal((64, 64), ImageCodec.ReadSize(loaded.FullPath(image)));
            Assert.NotNull(image.Age);
            Assert.Contains(image.Sex, new[] { "M", "F" });
        }
        foreach (var patient in loaded.Images.GroupBy(i => i.PatientId))
            Assert.Single(patient.Select(i => i.Split).Distinct());
    }

    [Fact]
    public void Refuses_a_non_empty_folder_unless_forced()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("notes.txt"), "keep me");
        var config = new PhantomConfig { Count = 3, Size = 32 };
        var error = Assert.Throws<UserError>(() => PhantomGenerator.Generate(config, temp.Path, "test", false, NullReporter.Instance));
        Assert.Contains("--force", error.Message);

        PhantomGenerator.Generate(config, temp.Path, "test", true, NullReporter.Instance);
        Assert.Equal(3, Dataset.Load(temp.Path).Images.Count);
        Assert.True(File.Exists(temp.File("notes.txt")));
    }
}
