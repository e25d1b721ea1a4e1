using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Tests.TestSupport;
using XraySynth.Web.Catalog;

namespace XraySynth.Tests.Web;

public sealed class CatalogDatasetTests
{
    [Fact]
    public void An_image_referenced_from_another_dataset_folder_shows_that_folders_origin()
    {
        using var temp = new TempDirectory();
        var sampled = PhantomGenerator.Generate(new PhantomConfig { Count = 8, Size = 32, Seed = 2 }, temp.File("sampled"), "test", force: false, NullReporter.Instance);
        sampled.With(info: sampled.Info with { Origin = "sampled from GAN run 00003-dcgan-x" }).Save();
        Directory.CreateDirectory(temp.File("merged"));
        var merged = sampled.With(root: temp.File("merged"), images: [.. sampled.Images.Select(i => i with { Path = sampled.FullPath(i) })],
            info: sampled.Info with { Origin = "balanced" });
        merged.Save();
        var catalog = new CatalogDataset(0, Dataset.Load(temp.File("merged")));
        Assert.Equal("sampled from GAN run 00003-dcgan-x", catalog.FileOrigin(catalog.Dataset.Images[0]));
        var own = new CatalogDataset(0, Dataset.Load(temp.File("sampled")));
        Assert.Null(own.FileOrigin(own.Dataset.Images[0]));
    }

    [Fact]
    public void Queries_parse_any_and_refuse_unknown_values_with_the_valid_ones()
    {
        var vocabulary = new LabelVocabulary(["Hernia", "Mass"]);
        Assert.Equal(new ImageQuery(null, null, null), ImageQuery.Parse("all", "", null, vocabulary));
        Assert.Equal(new ImageQuery("No Finding", Split.Test, ImageSource.Synthetic), ImageQuery.Parse("No Finding", "test", "synthetic", vocabulary));
        Assert.Contains("Hernia, Mass, No Finding", Assert.Throws<UserError>(() => ImageQuery.Parse("hernia", null, null, vocabulary)).Message);
        Assert.Contains("expected train, val, test or all", Assert.Throws<UserError>(() => ImageQuery.Parse(null, "training", null, vocabulary)).Message);
        Assert.Contains("expected real, synthetic or all", Assert.Throws<UserError>(() => ImageQuery.Parse(null, null, "fake", vocabulary)).Message);
    }
}
