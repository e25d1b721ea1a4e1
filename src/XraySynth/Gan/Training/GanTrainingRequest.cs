using static TorchSharp.torch;

namespace XraySynth.Gan.Training;

/// <summary>What to train: a config, optionally the run to resume, and the command line that asked.</summary>
/// <param name="Config">Resolved GAN config (for a resume: the run's, with kimg possibly extended).</param>
/// <param name="Resume">Run folder to continue from its newest snapshot, or null for a new run.</param>
/// <param name="CreatedBy">Command line, recorded in run.json.</param>
public sealed record GanTrainingRequest(GanConfig Config, string? Resume, string CreatedBy);

/// <summary>How a training run ended.</summary>
/// <param name="RunFolder">The run folder.</param>
/// <param name="State">Counters at the end.</param>
/// <param name="LastSnapshot">The final snapshot file.</param>
/// <param name="Cancelled">True when stopped by Ctrl-C (a snapshot was saved first).</param>
public sealed record GanTrainingResult(string RunFolder, TrainingState State, string LastSnapshot, bool Cancelled);

/// <summary>Test hooks into the loop (e.g. poison a batch to exercise the divergence guard). Not for normal use.</summary>
public sealed record TrainerHooks
{
    /// <summary>Called with (step, real batch) before each step; may modify the batch in place.</summary>
    public Action<long, Tensor>? BeforeStep { get; init; }
}
