namespace XraySynth.Report;

/// <summary>A section heading; the report title is level 1, so sections use 2 to 4.</summary>
/// <param name="Level">Heading level, 2 to 4.</param>
/// <param name="Text">Plain text (escaped by the renderers).</param>
public sealed record HeadingBlock(int Level, string Text) : ReportBlock
{
    /// <summary>Lowest level a block heading may have.</summary>
    public const int MinLevel = 2;

    /// <summary>Highest level a block heading may have.</summary>
    public const int MaxLevel = 4;

    /// <summary>Throws when <see cref="Level"/> is outside 2..4 (a bug in the caller, not a user error).</summary>
    public void Validate()
    {
        if (Level is < MinLevel or > MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(Level), Level, $"heading '{Text}': level must be {MinLevel} to {MaxLevel} (the title is level 1)");
    }
}
