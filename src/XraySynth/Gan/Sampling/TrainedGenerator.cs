using System.Security.Cryptography;
using TorchSharp;
using XraySynth.Common;
using XraySynth.Configuration;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;
using XraySynth.Gan.Sharing;
using XraySynth.Gan.Training;
using static TorchSharp.torch;

namespace XraySynth.Gan.Sampling;

/// <summary>The moving-average generator of a run's snapshot (or of a shared bundle), ready to sample on a device.</summary>
public sealed class TrainedGenerator : ISampleSource
{
    readonly nn.Module generator;
    readonly IDisposable owner;

    /// <summary>The GAN config (for a bundle: its architecture, training settings at their defaults).</summary>
    public GanConfig Config { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> Labels { get; }
    /// <summary>The snapshot file (or the bundle) loaded.</summary>
    public string Snapshot { get; }
    /// <inheritdoc />
    public string Hash { get; }
    /// <summary>The counters at the snapshot (for a bundle only <see cref="TrainingState.ImagesSeen"/> is known).</summary>
    public TrainingState State { get; }
    /// <inheritdoc />
    public string RunName { get; }
    /// <summary>Where it computes.</summary>
    public Device Device { get; }
    /// <inheritdoc />
    public int SampleResolution { get; }
    /// <inheritdoc />
    public double Alpha { get; }
    /// <summary>The run folder loaded from (null for a bundle).</summary>
    public string? RunPath { get; }
    /// <inheritdoc />
    public string Origin { get; }

    TrainedGenerator(nn.Module generator, IDisposable owner, GanConfig config, IReadOnlyList<string> labels, string snapshot, string hash,
        TrainingState state, string runName, Device device, string origin, (int Resolution, double Alpha) phase, string? runFolder)
    {
        this.generator = generator; this.owner = owner; Config = config; Labels = labels; Snapshot = snapshot; Hash = hash; State = state;
        RunName = runName; Device = device; Origin = origin; RunPath = runFolder;
        (SampleResolution, Alpha) = phase;
    }

    /// <summary>The moving-average generator module (a <see cref="DcganGenerator"/> or <see cref="PgganGenerator"/>).</summary>
    public nn.Module Module => generator;

    /// <inheritdoc />
    public int LatentSize => Config.LatentSize;

    /// <inheritdoc />
    public int Resolution => Config.Resolution;

    /// <inheritdoc />
    public double Kimg => State.Kimg;

    /// <summary>Thousands of images after which the run's final resolution is fully faded in (0 for DCGAN).</summary>
    public double KimgToFinish => new ProgressiveSchedule(Config).KimgToReachTarget();

    /// <summary>Loads a run's newest (or the given) snapshot onto <paramref name="device"/>.</summary>
    public static TrainedGenerator Load(string runPath, string? snapshot, Device device)
    {
        var run = RunFolder.Open(runPath);
        var config = YamlConfig.Load<GanConfig>(run.ConfigFile, GanConfig.Section);
        var info = GanRunInfo.Read(run.RunFile);
        string file = snapshot ?? run.LatestSnapshot();
        if (!File.Exists(file)) throw new UserError($"snapshot {file} does not exist");
        var networks = GanNetworks.Create(config, info.Labels.Count);
        try
        {
            var header = GanSnapshot.LoadNetworks(file, networks, GanTrainer.ArchitectureHash(config, info.Labels));
            // Only the moving-average generator samples: the trained generator and the discriminator stay on the host.
            networks.Average.to(device);
            networks.Average.eval();
            string hash;
            using (var stream = File.OpenRead(file)) hash = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            return new TrainedGenerator(networks.Average, networks, config, info.Labels, file, hash, header.State, Path.GetFileName(run.Path), device,
                $"snapshot {Path.GetFileName(file)}", PhaseAt(config, header.State), run.Path);
        }
        catch
        {
            networks.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads a shared bundle's generator onto <paramref name="device"/> after <see cref="GanBundle.Open"/> has checked every
    /// entry; its identity (<see cref="Hash"/>) is the source snapshot's, so samples match those drawn from the run.
    /// </summary>
    public static TrainedGenerator FromBundle(string bundlePath, Device device, BundleLimits? limits = null)
    {
        var bundle = GanBundle.Open(bundlePath, limits ?? BundleLimits.Default);
        var module = bundle.BuildGenerator();
        module.to(device);
        var c = bundle.Config;
        var state = new TrainingState(0, (long)Math.Round(c.Kimg * 1000), 1, 0);
        return new TrainedGenerator(module, module, c.ToGanConfig(), c.Labels, bundlePath, c.SnapshotSha256, state, c.Run, device,
            $"bundle {Path.GetFileName(bundlePath)}", (c.SampleResolution, c.Alpha), null);
    }

    /// <summary>The resolution and fade-in weight a run's generator samples at after <paramref name="state"/>.</summary>
    public static (int Resolution, double Alpha) PhaseAt(GanConfig config, TrainingState state)
    {
        if (config.Kind != GanKind.Pggan) return (config.Resolution, 1.0);
        var phase = new ProgressiveSchedule(config).At(state.ImagesSeen);
        return (phase.Resolution, phase.Alpha);
    }

    /// <summary>Generates images in [-1, 1], [N, 1, R, R], at <see cref="SampleResolution"/>.</summary>
    public Tensor Generate(Tensor latents, Tensor conditions)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var z = latents.to(Device);
        var y = conditions.to(Device);
        var images = generator switch
        {
            PgganGenerator p => p.Generate(z, y, SampleResolution, Alpha),
            DcganGenerator d => d.Generate(z, y),
            _ => throw new InvalidOperationException($"unknown generator {generator.GetType().Name}"),
        };
        return images.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public byte[] GeneratePixels(float[] latents, float[] conditions, int count) => GeneratePixels(latents, conditions, count, Resolution);

    /// <inheritdoc />
    public byte[] GeneratePixels(float[] latents, float[] conditions, int count, int size)
    {
        if (size < SampleResolution || size % SampleResolution != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"expected a multiple of the sample resolution {SampleResolution}");
        using var scope = NewDisposeScope();
        var images = Generate(tensor(latents, new long[] { count, LatentSize }), tensor(conditions, new long[] { count, Labels.Count }));
        return SampleGrid.ToBytes(images, size);
    }

    /// <summary>The latent of one image from its seed: N(0, I) · psi, drawn on the host (device-independent).</summary>
    public float[] Latent(long imageSeed, double truncation) => LatentOf(imageSeed, truncation, LatentSize);

    /// <summary>The latent of one image from its seed for a generator of latent size <paramref name="latentSize"/>.</summary>
    public static float[] LatentOf(long imageSeed, double truncation, int latentSize)
    {
        using var generator = new Generator((ulong)imageSeed);
        using var z = randn(new long[] { latentSize }, generator: generator) * truncation;
        return z.data<float>().ToArray();
    }

    /// <summary>Seed of image <paramref name="index"/> of a condition, derived from the base seed.</summary>
    public static long ImageSeed(long seed, string condition, int index) => SeedDerivation.Derive(seed, $"sample/{condition}/{index}");

    /// <inheritdoc />
    public void Dispose() => owner.Dispose();
}
