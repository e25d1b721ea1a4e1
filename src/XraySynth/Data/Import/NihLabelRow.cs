namespace XraySynth.Data.Import;

/// <summary>One valid row of NIH's label file (Data_Entry_2017.csv or sample_labels.csv).</summary>
/// <param name="Line">Line in the label file.</param>
/// <param name="ImageIndex">NIH's Image Index, the image's file name (e.g. 00000013_005.png).</param>
/// <param name="Labels">Findings in vocabulary order; empty for No Finding.</param>
/// <param name="PatientId">Patient ID in the 8-digit form of the Image Index prefix (e.g. 00000013).</param>
/// <param name="Age">Age in years, if given.</param>
/// <param name="Sex">Patient Gender (M, F) as given.</param>
/// <param name="ViewPosition">View Position (PA, AP) as given.</param>
public sealed record NihLabelRow(int Line, string ImageIndex, IReadOnlyList<string> Labels, string PatientId, int? Age, string Sex, string ViewPosition);
