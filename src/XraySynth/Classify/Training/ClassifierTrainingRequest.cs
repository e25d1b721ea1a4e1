namespace XraySynth.Classify.Training;

/// <summary>What to train: a config, optionally a run to resume, and the command line that asked.</summary>
/// <param name="Config">Resolved classifier config.</param>
/// <param name="Resume">Run folder to continue from its newest snapshot, or null.</param>
/// <param name="CreatedBy">Command line, recorded in run.json.</param>
/// <param name="ChannelsLastOnCpu">
/// Tests: lay the model, optimizer state and batches out channels-last on the CPU too when the config asks for it
/// (normally a CUDA-only layout), so the CPU runs the code paths of a CUDA run (snapshots and resume of NHWC weights).
/// </param>
public sealed record ClassifierTrainingRequest(ClassifierConfig Config, string? Resume, string CreatedBy, bool ChannelsLastOnCpu = false);

/// <summary>How a classifier run ended.</summary>
/// <param name="RunFolder">The run folder.</param>
/// <param name="State">Counters at the end.</param>
/// <param name="BestModel">The best-validation model file.</param>
/// <param name="Cancelled">Stopped by Ctrl-C (a snapshot was saved).</param>
/// <param name="StoppedEarly">Stopped by early stopping.</param>
public sealed record ClassifierTrainingResult(string RunFolder, ClassifierState State, string BestModel, bool Cancelled, bool StoppedEarly);
