using XraySynth.Common;
using XraySynth.Torch;

namespace XraySynth.Experiments.Ablation;

/// <summary>What every job of a run is executed with.</summary>
/// <param name="Run">The run folder.</param>
/// <param name="Runtime">Torch (its seed is replaced by each job's).</param>
/// <param name="Reporter">Progress and messages.</param>
/// <param name="CreatedBy">The command line, recorded in the runs and datasets jobs create.</param>
/// <param name="GitCommit">Source commit recorded in every result (null when unknown).</param>
public sealed record AblationContext(AblationRun Run, TorchRuntime Runtime, IReporter Reporter, string CreatedBy, string? GitCommit);
