namespace XraySynth.Gan.Sampling;

/// <summary>What to sample from a trained run.</summary>
/// <param name="Run">The GAN run folder ("" when <paramref name="Bundle"/> or <paramref name="Onnx"/> names the generator).</param>
/// <param name="Conditions">Label sets to sample, each as label names (empty = No Finding), e.g. [[Hernia], [Effusion, Hernia]].</param>
/// <param name="CountPerCondition">Images per condition.</param>
/// <param name="Out">Dataset folder to create.</param>
/// <param name="Seed">Base seed; image i of condition c gets its own seed derived from it (recorded in the manifest).</param>
/// <param name="Truncation">Truncation psi: latents are scaled by it (1 = none; lower trades variety for typicality).</param>
/// <param name="BatchSize">Images generated per forward pass.</param>
/// <param name="Snapshot">A specific snapshot file, or null for the run's newest.</param>
/// <param name="Force">Replace an existing non-empty output folder.</param>
/// <param name="CreatedBy">The command line, recorded in dataset.json.</param>
/// <param name="Bundle">A shared bundle (.xsgan) to sample from instead of a run.</param>
/// <param name="Onnx">An exported ONNX generator to sample from (with ONNX Runtime) instead of a run.</param>
/// <param name="AllowUnfinished">Sample a PGGAN that has not finished growing (warned; images are written at the resolution
/// actually generated) instead of refusing it (<see cref="UnfinishedGenerator"/>).</param>
public sealed record SampleRequest(string Run, IReadOnlyList<IReadOnlyList<string>> Conditions, int CountPerCondition, string Out,
    long Seed = 0, double Truncation = 1, int BatchSize = 64, string? Snapshot = null, bool Force = false, string CreatedBy = "",
    string? Bundle = null, string? Onnx = null, bool AllowUnfinished = false);
