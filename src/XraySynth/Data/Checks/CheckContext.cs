using XraySynth.Common;

namespace XraySynth.Data.Checks;

/// <summary>What every check reads: the dataset, the options, a reporter for progress, and file/line helpers.</summary>
public sealed class CheckContext(Dataset dataset, CheckOptions options, IReporter reporter)
{
    /// <summary>The dataset checked.</summary>
    public Dataset Dataset { get; } = dataset;

    /// <summary>Options of this run.</summary>
    public CheckOptions Options { get; } = options;

    /// <summary>Progress and messages.</summary>
    public IReporter Reporter { get; } = reporter;

    /// <summary>Path of manifest.csv.</summary>
    public string ManifestPath => Path.Combine(Dataset.Root, ManifestFile.FileName);

    /// <summary>Path of boxes.csv.</summary>
    public string BoxesPath => Path.Combine(Dataset.Root, BoxesFile.FileName);

    /// <summary>The file line of a 0-based row (line 1 is the header).</summary>
    public static int Line(int row) => row + 2;
}
