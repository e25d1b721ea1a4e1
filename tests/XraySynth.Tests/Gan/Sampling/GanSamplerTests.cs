using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Checks;
using XraySynth.Data.Images;
using XraySynth.Gan.Sampling;
using XraySynth.Tests.Gan.Training;
using XraySynth.Tests.TestSupport;
using static TorchSharp.torch;

namespace XraySynth.Tests.Gan.Sampling;

[Collection(XraySynth.Tests.TestSupport.GlobalRandomCollection.Name)]
public sealed class GanSamplerTests
{
    static string TrainedRun(TempDirectory temp)
    {
        TinyGanSetup.Phantom(temp.File("data"));
        return TinyGanSetup.Train(TinyGanSetup.Config(temp.File("data"), temp.File("runs"), kimg: 0.096)).RunFolder;
    }

    [Fact]
    public void Sampling_writes_a_synthetic_train_dataset_with_provenance_that_passes_the_checks()
    {
        using var temp = new TempDirectory();
        string run = TrainedRun(temp);
        var request = new SampleRequest(run, [["Hernia"], ["Effusion", "Hernia"], []], 5, temp.File("gen"), Seed: 3, Truncation: 0.7, BatchSize: 4, CreatedBy: "test");
        var dataset = GanSampler.Sample(request, TorchFixture.Cpu.Device, NullReporter.Instance);

        Assert.Equal(15, dataset.Images.Count);
        Assert.All(dataset.Images, i =>
        {
            Assert.Equal(ImageSource.Synthetic, i.Source);
            Assert.Equal(Split.Train, i.Split);
            Assert.Equal(64, i.GeneratorHash!.Length);
            Assert.Equal(0.7, i.Truncation);
            Assert.NotNull(i.GeneratorSeed);
            Assert.Equal((16, 16), (i.Width, i.Height));
        });
        Assert.Equal(5, dataset.Images.Count(i => i.Labels.SequenceEqual(["Hernia"])));
        Assert.Equal(5, dataset.Images.Count(i => i.Labels.SequenceEqual(["Effusion", "Hernia"])));
        Assert.Equal(5, dataset.Images.Count(i => i.Labels.Count == 0));
        var reloaded = Dataset.Load(temp.File("gen"));
        Assert.Equal(dataset.Images, reloaded.Images);
        Assert.Contains("sha256", reloaded.Info.Origin);
        DatasetChecks.EnsureValid(reloaded, new CheckOptions { Decode = true });
    }

    [Fact]
    public void The_same_seed_gives_the_same_images_and_each_image_regenerates_from_its_manifest_seed()
    {
        using var temp = new TempDirectory();
        string run = TrainedRun(temp);
        var a = GanSampler.Sample(new SampleRequest(run, [["Mass"]], 6, temp.File("a"), Seed: 8, BatchSize: 4), TorchFixture.Cpu.Device, NullReporter.Instance);
        var b = GanSampler.Sample(new SampleRequest(run, [["Mass"]], 6, temp.File("b"), Seed: 8, BatchSize: 6), TorchFixture.Cpu.Device, NullReporter.Instance);
        for (int i = 0; i < 6; i++)
            Assert.Equal(File.ReadAllBytes(a.FullPath(a.Images[i])), File.ReadAllBytes(b.FullPath(b.Images[i])));

        // Image 4 alone, from the seed its manifest row records.
        using var generator = TrainedGenerator.Load(run, null, TorchFixture.Cpu.Device);
        var row = a.Images[4];
        float[] latent = generator.Latent(row.GeneratorSeed!.Value, row.Truncation!.Value);
        var vocabulary = a.Vocabulary;
        using var image = generator.Generate(tensor(latent, new long[] { 1, generator.LatentSize }), tensor(vocabulary.MultiHot(row.Labels), new long[] { 1, vocabulary.Count }));
        byte[] again = XraySynth.Gan.Training.SampleGrid.ToBytes(image, 16);
        Assert.Equal(ImageCodec.Decode(a.FullPath(row)).Pixels, again);
    }

    [Fact]
    public void Unknown_labels_and_a_non_empty_output_are_clear_errors()
    {
        using var temp = new TempDirectory();
        string run = TrainedRun(temp);
        var error = Assert.Throws<UserError>(() => GanSampler.Sample(new SampleRequest(run, [["Hernai"]], 2, temp.File("x")), TorchFixture.Cpu.Device, NullReporter.Instance));
        Assert.Contains("did you mean 'Hernia'", error.Message);
        Directory.CreateDirectory(temp.File("full"));
        File.WriteAllText(temp.File("full/keep.txt"), "x");
        Assert.Contains("not empty", Assert.Throws<UserError>(() =>
            GanSampler.Sample(new SampleRequest(run, [["Hernia"]], 2, temp.File("full")), TorchFixture.Cpu.Device, NullReporter.Instance)).Message);
    }
}
