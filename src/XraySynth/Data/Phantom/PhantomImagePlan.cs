namespace XraySynth.Data.Phantom;

/// <summary>What one phantom image will show, decided before any pixel is painted.</summary>
/// <param name="Index">Position in the dataset (0-based); the image's random stream derives from it.</param>
/// <param name="Id">Image id and file name, e.g. <c>P00012_001.png</c>.</param>
/// <param name="Patient">The patient.</param>
/// <param name="FollowUp">0 for the patient's first image, then 1, 2, ...</param>
/// <param name="ViewPosition">PA or AP.</param>
/// <param name="Findings">Findings in NIH order; empty = No Finding.</param>
public sealed record PhantomImagePlan(
    int Index, string Id, PhantomPatient Patient, int FollowUp, string ViewPosition, IReadOnlyList<PhantomFinding> Findings)
{
    /// <summary>The manifest labels of <see cref="Findings"/>.</summary>
    public IReadOnlyList<string> Labels => Findings.Select(PhantomFindings.Name).ToArray();
}
