namespace XraySynth.Data;

/// <summary>Which part of the experiment an image belongs to.</summary>
public enum Split
{
    /// <summary>Training images (the only split synthetic images may join).</summary>
    Train,
    /// <summary>Validation: model selection and early stopping.</summary>
    Val,
    /// <summary>Test: the reported numbers.</summary>
    Test,
}

/// <summary>Where an image came from.</summary>
public enum ImageSource
{
    /// <summary>A real radiograph (or the procedural phantom, which stands in for one).</summary>
    Real,
    /// <summary>Sampled from a generator.</summary>
    Synthetic,
}

/// <summary>Text forms of <see cref="Split"/> and <see cref="ImageSource"/> as written in manifest.csv.</summary>
public static class ManifestEnums
{
    /// <summary>"train", "val" or "test".</summary>
    public static string Format(Split split) => split switch { Split.Train => "train", Split.Val => "val", _ => "test" };

    /// <summary>"real" or "synthetic".</summary>
    public static string Format(ImageSource source) => source == ImageSource.Real ? "real" : "synthetic";

    /// <summary>Parses a split name; accepts "validation" for val.</summary>
    public static Split? ParseSplit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "train" => Split.Train,
        "val" or "valid" or "validation" => Split.Val,
        "test" => Split.Test,
        _ => null,
    };

    /// <summary>Parses "real" or "synthetic".</summary>
    public static ImageSource? ParseSource(string text) => text.Trim().ToLowerInvariant() switch
    {
        "real" => ImageSource.Real,
        "synthetic" => ImageSource.Synthetic,
        _ => null,
    };
}
