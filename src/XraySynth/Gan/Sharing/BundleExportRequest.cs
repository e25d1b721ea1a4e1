namespace XraySynth.Gan.Sharing;

/// <summary>What <see cref="GanBundle.Export"/> packs.</summary>
/// <param name="Run">The GAN run folder.</param>
/// <param name="Out">The bundle file to write (NAME.xsgan).</param>
/// <param name="Snapshot">A specific snapshot file, or null for the run's newest.</param>
/// <param name="Quality">quality.json of the quality stage, quoted in the model card (null: "not measured").</param>
/// <param name="Memorization">memorization.json of the memorization audit (null: "not measured").</param>
/// <param name="Force">Replace an existing bundle file.</param>
/// <param name="GridColumns">Samples per condition in samples.png.</param>
/// <param name="AllowUnfinished">Export a PGGAN that has not finished growing (warned; config.json and the model card record
/// the phase) instead of refusing it (<see cref="Sampling.UnfinishedGenerator"/>).</param>
public sealed record BundleExportRequest(string Run, string Out, string? Snapshot = null, string? Quality = null, string? Memorization = null,
    bool Force = false, int GridColumns = 6, bool AllowUnfinished = false);
