using XraySynth.Common;

namespace XraySynth.Data.Import;

/// <summary>
/// Images a label file lists that are not on disk (a partial download): counted with a few example names,
/// then a warning, or an error under --strict.
/// </summary>
public sealed class MissingImages(string listedBy)
{
    /// <summary>How many example names the message shows.</summary>
    public const int ExampleCount = 5;

    readonly List<string> examples = [];

    /// <summary>Number of missing images.</summary>
    public int Count { get; private set; }

    /// <summary>Records one missing image.</summary>
    public void Add(string name)
    {
        Count++;
        if (examples.Count < ExampleCount) examples.Add(name);
    }

    /// <summary>The message: count, the file that lists them, examples.</summary>
    public string Describe(int present) =>
        $"{Count} of {Count + present} images listed in {listedBy} are not on disk (e.g. {string.Join(", ", examples)}); imported the {present} present";

    /// <summary>Warns about missing images, or throws under <paramref name="strict"/>.</summary>
    /// <exception cref="UserError">Some are missing and <paramref name="strict"/> is set.</exception>
    public void Report(int present, bool strict, IReporter reporter)
    {
        if (Count == 0) return;
        if (strict) throw new UserError($"{Describe(present)}; --strict requires every listed image (leave out --strict to import the present ones)");
        reporter.Warn(Describe(present));
    }
}
