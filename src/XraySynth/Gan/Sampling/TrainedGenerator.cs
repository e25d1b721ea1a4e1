using System.Security.Cryptography;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Gan.Training;
using static TorchSharp.torch;

namespace XraySynth.Gan.Sampling;

/// <summary>The moving-average generator of a run's snapshot, ready to sample on a device.</summary>
public sealed class TrainedGenerator : IDisposable
{
    readonly GanNetworks networks;

    /// <summary>The run's config.</summary>
    public GanConfig Config { get; }
    /// <summary>Label vocabulary in condition order.</summary>
    public IReadOnlyList<string> Labels { get; }
    /// <summary>The snapshot file.</summary>
    public string Snapshot { get; }
    /// <summary>SHA-256 (hex) of the snapshot file: the generator's identity in synthetic manifests.</summary>
    public string Hash { get; }
    /// <summary>The counters at the snapshot.</summary>
    public TrainingState State { get; }
    /// <summary>The run folder's name.</summary>
    public string RunName { get; }
    /// <summary>Where it computes.</summary>
    public Device Device { get; }

    TrainedGenerator(GanNetworks networks, GanConfig config, IReadOnlyList<string> labels, string snapshot, string hash, TrainingState state, string runName, Device device)
    {
        this.networks = networks; Config = config; Labels = labels; Snapshot = snapshot; Hash = hash; State = state; RunName = runName; Device = device;
    }

    /// <summary>Latent size.</summary>
    public int LatentSize => networks.LatentSize;

    /// <summary>Output resolution.</summary>
    public int Resolution => networks.Resolution;

    /// <summary>Loads a run's newest (or the given) snapshot onto <paramref name="device"/>.</summary>
    public static TrainedGenerator Load(string runPath, string? snapshot, Device device)
    {
        var run = RunFolder.Open(runPath);
        var config = YamlConfig.Load<GanConfig>(run.ConfigFile, GanConfig.Section);
        var info = GanRunInfo.Read(run.RunFile);
        string file = snapshot ?? run.LatestSnapshot();
        if (!File.Exists(file)) throw new UserError($"snapshot {file} does not exist");
        var networks = GanNetworks.Create(config, info.Labels.Count);
        var header = GanSnapshot.LoadNetworks(file, networks, GanTrainer.ArchitectureHash(config, info.Labels));
        networks.To(device);
        networks.Average.eval();
        string hash;
        using (var stream = File.OpenRead(file)) hash = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        return new TrainedGenerator(networks, config, info.Labels, file, hash, header.State, Path.GetFileName(run.Path), device);
    }

    /// <summary>Generates images in [-1, 1], [N, 1, R, R], at the final resolution (or the snapshot's phase if it had not reached it).</summary>
    public Tensor Generate(Tensor latents, Tensor conditions)
    {
        var phase = new ProgressiveSchedule(Config).At(State.ImagesSeen);
        using var noGrad = no_grad();
        return networks.Generate(networks.Average, latents.to(Device), conditions.to(Device), phase.Resolution, phase.Alpha);
    }

    /// <summary>The latent of one image from its seed: N(0, I) · psi, drawn on the host (device-independent).</summary>
    public float[] Latent(long imageSeed, double truncation)
    {
        using var generator = new Generator((ulong)imageSeed);
        using var z = randn(new long[] { LatentSize }, generator: generator) * truncation;
        return z.data<float>().ToArray();
    }

    /// <summary>Seed of image <paramref name="index"/> of a condition, derived from the base seed.</summary>
    public static long ImageSeed(long seed, string condition, int index) => SeedDerivation.Derive(seed, $"sample/{condition}/{index}");

    /// <inheritdoc />
    public void Dispose() => networks.Dispose();
}
