namespace XraySynth.Data.Phantom;

/// <summary>Names and vocabulary of the phantom's findings (exact NIH ChestX-ray14 label names).</summary>
public static class PhantomFindings
{
    /// <summary>Every finding in NIH column order.</summary>
    public static IReadOnlyList<PhantomFinding> All { get; } = Enum.GetValues<PhantomFinding>();

    /// <summary>The dataset vocabulary: the phantom's labels, in <see cref="LabelVocabulary.Nih14"/> order.</summary>
    public static LabelVocabulary Vocabulary { get; } = new(All.Select(Name));

    /// <summary>The NIH label name of <paramref name="finding"/>.</summary>
    public static string Name(PhantomFinding finding) => finding.ToString();
}
