using XraySynth.Gan;
using XraySynth.Gan.Dcgan;
using XraySynth.Gan.Pggan;

namespace XraySynth.Experiments.Benchmarks;

/// <summary>What <see cref="GanThroughput"/> measures: which GAN, at what size, for how long, with which speed options.</summary>
public sealed record GanBenchmarkOptions
{
    /// <summary>GAN family (architecture defaults of <see cref="PgganArchitecture"/> / <see cref="DcganArchitecture"/>).</summary>
    public GanKind Model { get; init; } = GanKind.Pggan;

    /// <summary>Resolution trained at (PGGAN: stable phase at this resolution, alpha 1).</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Real images per step.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Timed steps per repeat.</summary>
    public int Steps { get; init; } = 50;

    /// <summary>Untimed steps first (cuDNN autotuning, caching allocator, lazy initialisation).</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>Timed windows of <see cref="Steps"/> steps; the median is reported.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>PGGAN architecture to build; null = the defaults (what bench/reference/pggan.py builds). Its resolution is replaced by <see cref="Resolution"/>.</summary>
    public PgganArchitecture? Pggan { get; init; }

    /// <summary>DCGAN architecture to build; null = the defaults (what bench/reference/dcgan.py builds). Its resolution is replaced by <see cref="Resolution"/>.</summary>
    public DcganArchitecture? Dcgan { get; init; }

    /// <summary>Labels the GAN is conditioned on (NIH ChestX-ray14: 14).</summary>
    public int Labels { get; init; } = 14;

    /// <summary>bfloat16 activations on fp32 master weights (PGGAN only; losses and the penalty's norm stay fp32).</summary>
    public bool Bf16 { get; init; }

    /// <summary>Channels-last (NHWC) layout for conv weights and image batches.</summary>
    public bool ChannelsLast { get; init; }

    /// <summary>Multi-tensor Adam (<see cref="Torch.ForeachAdam"/>) instead of TorchSharp's per-parameter Adam.</summary>
    public bool ForeachAdam { get; init; }

    /// <summary>
    /// Draw latents and penalty weights on the host and copy them over each step, as the trainer's
    /// <c>GanStep.Draw</c> does, instead of drawing them on the device as the PyTorch reference does.
    /// </summary>
    public bool HostDraws { get; init; }

    /// <summary>Keep deterministic algorithms on (restricts cuDNN's choice; the PyTorch reference runs without).</summary>
    public bool Deterministic { get; init; }

    /// <summary>cuDNN autotuning (<c>torch.backends.cudnn.benchmark</c>), on in the PyTorch reference too.</summary>
    public bool CudnnBenchmark { get; init; } = true;

    /// <summary>Every problem with these options, as "what: why" lines (empty when valid).</summary>
    public IEnumerable<string> Validate()
    {
        if (Model == GanKind.Pggan && (Resolution < 8 || Resolution > 1024 || (Resolution & (Resolution - 1)) != 0))
            yield return $"--resolution {Resolution}: PGGAN needs a power of two from 8 to 1024";
        if (Model == GanKind.Dcgan && Resolution is not (32 or 64 or 128))
            yield return $"--resolution {Resolution}: DCGAN supports 32, 64 and 128";
        if (Batch < 2) yield return $"--batch {Batch}: expected 2 or more";
        if (Steps < 1) yield return $"--steps {Steps}: expected 1 or more";
        if (Warmup < 0) yield return $"--warmup {Warmup}: expected 0 or more";
        if (Repeats < 1) yield return $"--repeats {Repeats}: expected 1 or more";
        if (Labels < 1) yield return $"--labels {Labels}: expected 1 or more";
        if (Bf16 && Model == GanKind.Dcgan)
            yield return "--bf16: PGGAN only (DCGAN's torch.nn layers keep fp32 weights and reject bf16 inputs)";
    }

    /// <summary>The training configuration the step runs with: architecture defaults, the family's optimizer settings.</summary>
    public GanConfig ToGanConfig()
    {
        var config = new GanConfig
        {
            Kind = Model,
            Pggan = (Pggan ?? new PgganArchitecture()) with { Resolution = Model == GanKind.Pggan ? Resolution : 64 },
            Dcgan = (Dcgan ?? new DcganArchitecture()) with { Resolution = Model == GanKind.Dcgan ? Resolution : 64 },
            BatchSize = Batch,
            Bf16 = Bf16,
            ChannelsLast = ChannelsLast,
        };
        // PGGAN paper: Adam 0.001, betas (0, 0.99) (GanConfig's defaults); DCGAN paper: 0.0002, (0.5, 0.999).
        return Model == GanKind.Pggan ? config : config with { LearningRate = 0.0002, Beta1 = 0.5, Beta2 = 0.999 };
    }
}
