using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Data.Phantom;
using XraySynth.Gan;
using XraySynth.Gan.Pggan;
using XraySynth.Gan.Training;

namespace XraySynth.Tests.Gan.Training;

/// <summary>A tiny phantom and a tiny PGGAN config that grows 4 → 8 → 16 within a dozen steps on the CPU.</summary>
public static class TinyGanSetup
{
    /// <summary>Writes a 60-image 32 px phantom into <paramref name="folder"/>.</summary>
    public static Dataset Phantom(string folder) =>
        PhantomGenerator.Generate(new PhantomConfig { Count = 60, Size = 32, Seed = 4 }, folder, "test", force: false, NullReporter.Instance);

    /// <summary>Batch 8; phases of 16 images; snapshots every <paramref name="snapshotImages"/> images.</summary>
    public static GanConfig Config(string data, string output, double kimg, double snapshotImages = 48) => new()
    {
        Kind = GanKind.Pggan,
        Pggan = new PgganArchitecture { Resolution = 16, LatentSize = 8, FmapBase = 32, FmapMax = 8, LabelEmbedding = 4, MinibatchGroup = 4 },
        Data = data,
        Out = output,
        Kimg = kimg,
        FadeKimg = 0.016,
        StableKimg = 0.016,
        BatchSize = 8,
        SnapshotKimg = snapshotImages / 1000,
        SampleKimg = 0.048,
        GridColumns = 2,
        LogEverySteps = 2,
        KeepSnapshots = 10,
        Prefetch = 2,
    };

    /// <summary>Trains with the CPU runtime reseeded to <paramref name="seed"/>, reporting to <paramref name="reporter"/> (default: nowhere).</summary>
    public static GanTrainingResult Train(GanConfig config, string? resume = null, TrainerHooks? hooks = null, CancellationToken cancel = default, long seed = 11,
        IGanQualityProbe? quality = null, TimeSpan? timeLimit = null, IReporter? reporter = null)
    {
        var seeded = XraySynth.Torch.TorchRuntime.Start(new XraySynth.Torch.TorchRuntimeOptions { Device = XraySynth.Torch.DeviceSpec.Cpu, Seed = seed });
        return GanTrainer.Train(new GanTrainingRequest(config, resume, "test", timeLimit), seeded, reporter ?? NullReporter.Instance, cancel, hooks, quality);
    }
}
