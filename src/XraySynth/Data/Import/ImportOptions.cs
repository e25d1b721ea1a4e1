namespace XraySynth.Data.Import;

/// <summary>What <c>xraysynth data import KIND</c> was asked to do; every importer reads the options it needs.</summary>
public sealed record ImportOptions
{
    /// <summary>Where the data lies as researchers have it on disk (a folder, or for medmnist an .npz file).</summary>
    public required string Source { get; init; }

    /// <summary>The dataset folder to create; it must not exist yet or be empty.</summary>
    public required string Output { get; init; }

    /// <summary>Images listed by a label file but absent on disk are an error instead of a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Bad rows and images are skipped and listed in import-report.csv instead of stopping the import.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Decode every image fully (slow) instead of checking its header and end marker only.</summary>
    public bool VerifyImages { get; init; }

    /// <summary>Seed of the patient shuffles that carve val (nih) or assign splits where none are given.</summary>
    public long Seed { get; init; }

    /// <summary>nih: fraction of the official train_val patients moved to val.</summary>
    public double ValFraction { get; init; } = 0.1;

    /// <summary>Train/val/test fractions of patients where the source has no split of its own.</summary>
    public (double Train, double Val, double Test) SplitFractions { get; init; } = (0.7, 0.1, 0.2);

    /// <summary>medmnist: "chest", "pneumonia", or null to detect it from the label width.</summary>
    public string? Flavor { get; init; }

    /// <summary>The command line, recorded in dataset.json.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>Checks the values a user can get wrong.</summary>
    /// <exception cref="Common.UserError">Fractions out of range.</exception>
    public void Validate()
    {
        if (ValFraction is < 0 or >= 1 || double.IsNaN(ValFraction))
            throw new Common.UserError(FormattableString.Invariant($"--val-fraction {ValFraction}: expected a number in [0, 1)"));
        var (train, val, test) = SplitFractions;
        if (train <= 0 || val < 0 || test < 0 || Math.Abs(train + val + test - 1) > 1e-6)
            throw new Common.UserError(FormattableString.Invariant($"split fractions {train}/{val}/{test}: expected train > 0, val and test >= 0, summing to 1"));
    }
}
