using System.Text.Json;
using XraySynth.Classify;
using XraySynth.Classify.Evaluation;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Evaluate.Features;
using XraySynth.Tests.Evaluate.Synthetic;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using static TorchSharp.torch;

namespace XraySynth.Tests.Evaluate.Features;

[Collection(GlobalRandomCollection.Name)]
public sealed class ClassifierFeaturesTests
{
    static string TrainTinyClassifier(string data, string output)
    {
        var config = new ClassifierConfig
        {
            Architecture = ClassifierArchitecture.ResNet18, Data = data, Out = output, ImageSize = 32, Epochs = 1, BatchSize = 16,
            LearningRate = 2e-3, WarmupEpochs = 0.5, Workers = 1,
        };
        return ClassifierTrainer.Train(new ClassifierTrainingRequest(config, null, "test"),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 3 }), NullReporter.Instance, default).RunFolder;
    }

    [Fact]
    public void Classifier_features_are_the_penultimate_embedding_and_feed_label_fidelity()
    {
        _ = TorchFixture.Cpu;
        using var temp = new TempDirectory();
        var real = PhantomSets.Real(temp.File("real"), count: 80);
        string run = TrainTinyClassifier(temp.File("real"), temp.File("runs"));

        using (var features = new ClassifierFeatures(TrainedClassifier.Load(run, CPU), CPU, batchSize: 5))
        {
            Assert.Equal($"classifier:{Path.GetFileName(run)}", features.Name);
            int[] rows = [0, 7, 12, 30, 31, 44, 79];
            var extracted = FeatureExtractors.Extract(features, real, rows, NullReporter.Instance);
            using var cache = FeatureExtractors.Open(real, 32, NullReporter.Instance);
            var bytes = new byte[rows.Length * cache.ImageBytes];
            cache.Gather(rows, bytes);
            using var noGrad = no_grad();
            using var x = PixelTensors.FromBytes(bytes, rows.Length, 32, 32, CPU);
            using var embedding = features.Classifier.Network.Embed(x);                          // one batch, for comparison
            var expected = embedding.data<float>().ToArray();
            Assert.Equal((rows.Length, (int)features.Classifier.Network.FeatureChannels), (extracted.Rows, extracted.Dimension));
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], extracted.Values[i], 4);
        }

        PhantomSets.Synthetic(temp.File("synthetic"), real, real.Images);
        var (code, output, error) = CliHarness.Run("eval", "synthetic", "--real", temp.File("real"), "--synthetic", temp.File("synthetic"),
            "--features", run, "--out", temp.File("out"), "--kid-subsets", "2", "--kid-subset-size", "20", "--device", "cpu");
        Assert.True(code == 0, error + output);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("out/quality.json")));
        Assert.Equal($"classifier:{Path.GetFileName(run)}", json.RootElement.GetProperty("features").GetString());
        var fidelity = json.RootElement.GetProperty("labelFidelity").EnumerateArray().ToList();
        Assert.Contains(fidelity, f => f.GetProperty("label").GetString() == "Cardiomegaly" && f.GetProperty("syntheticAuroc").ValueKind == JsonValueKind.Number);
        Assert.Contains("## Label fidelity", File.ReadAllText(temp.File("out/quality.md")));
    }
}
