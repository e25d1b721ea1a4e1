using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>What to train: a config, optionally the run to resume, and the command line that asked.</summary>
/// <param name="Config">Resolved GAN config (for a resume: the run's, with kimg possibly extended).</param>
/// <param name="Resume">Run folder to continue from its newest snapshot, or null for a new run.</param>
/// <param name="CreatedBy">Command line, recorded in run.json.</param>
/// <param name="TimeLimit">
/// Wall-clock time this call may train (a cluster job's time limit, a lent GPU's minutes), or null: when it has
/// passed, training stops at the next step with a snapshot and a sample grid, ready for <c>--resume</c>.
/// </param>
public sealed record GanTrainingRequest(GanConfig Config, string? Resume, string CreatedBy, TimeSpan? TimeLimit = null);

/// <summary>How a training run ended.</summary>
/// <param name="RunFolder">The run folder.</param>
/// <param name="State">Counters at the end.</param>
/// <param name="LastSnapshot">The final snapshot file.</param>
/// <param name="Cancelled">True when stopped by Ctrl-C (a snapshot was saved first).</param>
/// <param name="TimeLimitReached">True when stopped by <see cref="GanTrainingRequest.TimeLimit"/> (a snapshot was saved first).</param>
public sealed record GanTrainingResult(string RunFolder, TrainingState State, string LastSnapshot, bool Cancelled, bool TimeLimitReached = false);

/// <summary>Test hooks into the loop (e.g. poison a batch to exercise the divergence guard). Not for normal use.</summary>
public sealed record TrainerHooks
{
    /// <summary>Called with (step, real batch) before each step; may modify the batch in place.</summary>
    public Action<long, Tensor>? BeforeStep { get; init; }

    /// <summary>
    /// Lays networks, optimizer states and batches out channels-last on the CPU too when the config asks for it (normally
    /// a CUDA-only layout), so tests on the CPU run the code paths a CUDA run takes: snapshots, resume and rollback of
    /// NHWC-strided weights.
    /// </summary>
    public bool ChannelsLastOnCpu { get; init; }
}
