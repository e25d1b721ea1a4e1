namespace XraySynth.Data.Splitting;

/// <summary>
/// What <see cref="IterativeStratifier"/> distributes: a group of images that must stay together (a patient).
/// </summary>
/// <param name="LabelCounts">Images of the unit carrying each label, in vocabulary order.</param>
/// <param name="Size">Images in the unit.</param>
/// <param name="Pinned">A split index the unit must go to (its counts still fill that split), or null.</param>
public sealed record StratificationUnit(IReadOnlyList<int> LabelCounts, int Size, int? Pinned = null);
