namespace XraySynth.Experiments.Ablation;

/// <summary>What an ablation job does.</summary>
public enum AblationJobKind
{
    /// <summary>Makes the real dataset ready (generates the phantom when configured and missing, splits, checks) and records label prevalences.</summary>
    Data,
    /// <summary>Trains one generator for one seed and samples its synthetic images.</summary>
    Gan,
    /// <summary>One cell of the matrix: balance (if the arm does), train the classifier, score the real test split.</summary>
    Cell,
    /// <summary>One detection cell: the arm's training data, a detector, its boxes on the real test split.</summary>
    Detect,
    /// <summary>Cuts crops around the real training boxes and trains a patch-gan detection arm's lesion-patch GAN (one seed).</summary>
    PatchGan,
}

/// <summary>
/// One unit of work of an ablation run, run as its own step (locally) or its own process (on a cluster). Its result file
/// <c>results/ID.json</c> is the source of truth that it is done.
/// </summary>
/// <param name="Id">Stable id and folder name: <c>data</c>, <c>gan-GEN-sSEED</c>, <c>patchgan-ARM-sSEED</c>, <c>cell-ARM-sSEED</c>, <c>detect-ARM-sSEED</c>.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Seed">Training seed (0 for the data job).</param>
/// <param name="Arm">The arm (classifier or detection cells).</param>
/// <param name="Generator">The generator (GAN jobs; for cells, the generator they sample from, if any).</param>
/// <param name="DependsOn">Ids of the jobs whose results this one reads.</param>
public sealed record AblationJob(string Id, AblationJobKind Kind, long Seed, string? Arm, string? Generator, IReadOnlyList<string> DependsOn);
