using XraySynth.Classify;
using XraySynth.Classify.Networks;
using XraySynth.Classify.Training;
using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Tests.Detect.Training;
using XraySynth.Tests.Gan.Training;
using XraySynth.Tests.TestSupport;
using XraySynth.Torch;
using XraySynth.Web;

namespace XraySynth.Tests.Web;

/// <summary>
/// What the viewer tests serve: a 64 px phantom with a few images marked synthetic (with provenance) and one manifest
/// row whose path leaves the folder, a tiny classifier run, a tiny detector run and a tiny GAN run, all trained on the CPU.
/// </summary>
public sealed class ViewerFixture : IDisposable
{
    readonly TempDirectory temp = new();

    /// <summary>The dataset folder.</summary>
    public string Data { get; }
    /// <summary>The loaded dataset.</summary>
    public Dataset Dataset { get; }
    /// <summary>Folder holding the GAN run (the --runs root).</summary>
    public string Runs { get; }
    /// <summary>The classifier run.</summary>
    public string Classifier { get; }
    /// <summary>The detector run.</summary>
    public string Detector { get; }
    /// <summary>Id of the manifest row whose path is "../outside.png".</summary>
    public const string EscapingId = "escaping";

    public ViewerFixture()
    {
        _ = TorchFixture.Cpu;
        Data = temp.File("data");
        var phantom = PhantomGenerator.Generate(new PhantomConfig { Count = 48, Size = 64, Seed = 4, TrainFraction = 0.6, ValFraction = 0.2 }, Data, "test", force: false, NullReporter.Instance);
        File.WriteAllBytes(Scratch("outside.png"), File.ReadAllBytes(phantom.FullPath(phantom.Images[0])));
        int marked = 0;
        var images = phantom.Images.Select(i => i.Split == Split.Train && i.Labels.Count > 0 && marked++ < 4
            ? i with { Source = ImageSource.Synthetic, GeneratorHash = new string('a', 64), GeneratorSeed = 42 + marked, Truncation = 1.0 }
            : i).ToList();
        images.Add(phantom.Images[0] with { Id = EscapingId, Path = "../outside.png" });
        phantom.With(images: images).Save();
        Dataset = Dataset.Load(Data);

        var classifier = new ClassifierConfig
        {
            Architecture = ClassifierArchitecture.ResNet18, Data = Data, Out = temp.File("classifier"), ImageSize = 64, Epochs = 1, BatchSize = 16,
            LearningRate = 2e-3, WarmupEpochs = 0.5, Workers = 1,
        };
        Classifier = ClassifierTrainer.Train(new ClassifierTrainingRequest(classifier, null, "test"),
            TorchRuntime.Start(new TorchRuntimeOptions { Device = DeviceSpec.Cpu, Seed = 3 }), NullReporter.Instance, default).RunFolder;
        Detector = DetectorTrainerTests.Train(DetectorTrainerTests.Config(Data, temp.File("detector"), epochs: 1)).RunFolder;

        Runs = temp.File("checkpoints");
        TinyGanSetup.Phantom(temp.File("gan-data"));
        TinyGanSetup.Train(TinyGanSetup.Config(temp.File("gan-data"), Path.Combine(Runs, "gan"), kimg: 0.1));
    }

    /// <summary>Options serving everything on a free loopback port, the history in a fresh file.</summary>
    public WebServerOptions Options(bool detector = true) => new()
    {
        Datasets = [Data], Runs = Runs, Classifier = Classifier, Detector = detector ? Detector : null, Port = 0,
        History = temp.File($"history-{Guid.NewGuid():N}.sqlite"), BoxThreshold = 0,
    };

    /// <summary>A fresh scratch file path.</summary>
    public string Scratch(string name) => temp.File(name);

    public void Dispose() => temp.Dispose();
}
