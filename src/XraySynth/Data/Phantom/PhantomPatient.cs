namespace XraySynth.Data.Phantom;

/// <summary>A fictitious patient: id, demographics, split and the seed of their anatomy.</summary>
/// <param name="Number">1-based patient number.</param>
/// <param name="Id">Patient id, e.g. <c>P00012</c>.</param>
/// <param name="Age">Age in years at the first image.</param>
/// <param name="Sex">M or F.</param>
/// <param name="Split">The split every image of this patient belongs to.</param>
public sealed record PhantomPatient(int Number, string Id, int Age, string Sex, Split Split);
