using XraySynth.Common;
using XraySynth.Data;

namespace XraySynth.Web.Catalog;

/// <summary>A filter over a dataset's images: label, split and source, each optional.</summary>
/// <param name="Label">A label, "No Finding" (no label), or null for any.</param>
/// <param name="Split">A split, or null for any.</param>
/// <param name="Source">Real or synthetic, or null for both.</param>
public sealed record ImageQuery(string? Label, Split? Split, ImageSource? Source)
{
    /// <summary>Whether <paramref name="image"/> passes.</summary>
    public bool Matches(ImageRecord image) =>
        (Split is null || image.Split == Split)
        && (Source is null || image.Source == Source)
        && (Label is null || (Label == LabelVocabulary.NoFinding ? image.Labels.Count == 0 : image.Has(Label)));

    /// <summary>
    /// Parses request parameters (empty or "all" means any) against <paramref name="vocabulary"/>.
    /// </summary>
    /// <exception cref="UserError">An unknown label, split or source (the message lists the valid ones).</exception>
    public static ImageQuery Parse(string? label, string? split, string? source, LabelVocabulary vocabulary)
    {
        static bool Any(string? text) => string.IsNullOrWhiteSpace(text) || text.Equals("all", StringComparison.OrdinalIgnoreCase);
        string? chosenLabel = null;
        if (!Any(label))
        {
            if (label != LabelVocabulary.NoFinding && vocabulary.IndexOf(label!) < 0)
                throw new UserError($"label '{label}' is not one of: {string.Join(", ", vocabulary.Names)}, {LabelVocabulary.NoFinding}");
            chosenLabel = label;
        }
        Split? chosenSplit = Any(split) ? null : ManifestEnums.ParseSplit(split!) ?? throw new UserError($"split '{split}': expected train, val, test or all");
        ImageSource? chosenSource = Any(source) ? null : ManifestEnums.ParseSource(source!) ?? throw new UserError($"source '{source}': expected real, synthetic or all");
        return new ImageQuery(chosenLabel, chosenSplit, chosenSource);
    }
}
