using XraySynth.Data.Stats;

namespace XraySynth.Data.Splitting;

/// <summary>What <see cref="DatasetSplitter"/> produced: the re-split dataset, its counts, and warnings.</summary>
/// <param name="Dataset">The dataset with new splits; manifest rows in the original order.</param>
/// <param name="Stats">Images, patients and positives per split of the result.</param>
/// <param name="PositivePatients">[split, label]: patients with at least one image of the label, in each split.</param>
/// <param name="Warnings">Labels that cannot reach, or did not reach, every split; synthetic rows moved to train.</param>
public sealed record SplitResult(Dataset Dataset, DatasetStats Stats, int[,] PositivePatients, IReadOnlyList<string> Warnings);
