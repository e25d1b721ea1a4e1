using XraySynth.Gan;
using XraySynth.Gan.Dcgan;
using XraySynth.Tests.Gan.Training;
using XraySynth.Tests.TestSupport;

namespace XraySynth.Tests.Gan.Sharing;

/// <summary>Tiny trained runs shared by the bundle, ONNX and sampling tests: a DCGAN, a grown PGGAN, a PGGAN mid-fade-in and one still at 4 px.</summary>
public sealed class TinyRuns : IDisposable
{
    readonly TempDirectory temp = new();
    readonly Lazy<string> dcgan, pggan, fading, early;

    /// <summary>Prepares (lazily) the phantom and runs.</summary>
    public TinyRuns()
    {
        var data = new Lazy<string>(() => { TinyGanSetup.Phantom(temp.File("data")); return temp.File("data"); });
        pggan = new(() => TinyGanSetup.Train(TinyGanSetup.Config(data.Value, temp.File("pggan"), kimg: 0.096)).RunFolder);
        fading = new(() => TinyGanSetup.Train(TinyGanSetup.Config(data.Value, temp.File("fading"), kimg: 0.056)).RunFolder);
        early = new(() => TinyGanSetup.Train(TinyGanSetup.Config(data.Value, temp.File("early"), kimg: 0.008)).RunFolder);
        dcgan = new(() => TinyGanSetup.Train(TinyGanSetup.Config(data.Value, temp.File("dcgan"), kimg: 0.048) with
        {
            Kind = GanKind.Dcgan,
            Dcgan = new DcganArchitecture { Resolution = 32, LatentSize = 8, GeneratorFeatures = 4, DiscriminatorFeatures = 4, LabelEmbedding = 4 },
            LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999,
        }).RunFolder);
    }

    /// <summary>A 32 px DCGAN run.</summary>
    public string Dcgan => dcgan.Value;
    /// <summary>A PGGAN run grown to its final 16 px.</summary>
    public string Pggan => pggan.Value;
    /// <summary>A PGGAN run stopped while 16 px fades in.</summary>
    public string Fading => fading.Value;
    /// <summary>A PGGAN run stopped after one step, still at 4 px (its final resolution is 16 px).</summary>
    public string Early => early.Value;

    /// <summary>A scratch folder for one test.</summary>
    public string Scratch(string name) => temp.File($"scratch-{name}-{Guid.NewGuid():N}");

    /// <inheritdoc />
    public void Dispose() => temp.Dispose();
}
