using XraySynth.Common;
using XraySynth.Data;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Training;

/// <summary>
/// The images a detector can learn from or be scored on, with their boxes in prepared-cache pixels. An image is
/// usable when it has at least one box of a detection class, or carries none of the detection classes' labels (a
/// negative). An image labelled with a detection class but without any box (most of NIH) has unknown boxes and is
/// left out, since treating it as a negative would teach the detector to miss that finding.
/// </summary>
public sealed class DetectionSamples
{
    /// <summary>Detection classes in order.</summary>
    public IReadOnlyList<string> Classes { get; }
    /// <summary>Boxes of each manifest row, in cache pixels (empty for negatives and unusable rows).</summary>
    public IReadOnlyList<LabeledBox>[] Boxes { get; }
    /// <summary>Whether each manifest row is usable.</summary>
    public bool[] Usable { get; }

    DetectionSamples(IReadOnlyList<string> classes, IReadOnlyList<LabeledBox>[] boxes, bool[] usable)
    {
        Classes = classes; Boxes = boxes; Usable = usable;
    }

    /// <summary>The labels with at least one box in <paramref name="split"/>, in vocabulary order.</summary>
    public static IReadOnlyList<string> BoxedLabels(Dataset dataset, Split split = Split.Train)
    {
        var ids = dataset.InSplit(split).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var labels = dataset.Boxes.Where(b => ids.Contains(b.ImageId)).Select(b => b.Label).ToHashSet(StringComparer.Ordinal);
        return dataset.Vocabulary.Names.Where(labels.Contains).ToArray();
    }

    /// <summary>Collects boxes for <paramref name="classes"/> and maps them into the <paramref name="cacheSize"/> cache's pixels.</summary>
    /// <exception cref="UserError">A class is not a label of the dataset.</exception>
    public static DetectionSamples Build(Dataset dataset, IReadOnlyList<string> classes, int cacheSize)
    {
        foreach (string c in classes)
            if (!dataset.Vocabulary.Contains(c))
                throw new UserError($"detector class '{c}' is not a label of {dataset.Root}{NameSuggester.Hint(c, dataset.Vocabulary.Names)}");
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var byImage = dataset.Boxes.Where(b => classIndex.ContainsKey(b.Label)).ToLookup(b => b.ImageId, StringComparer.Ordinal);
        int n = dataset.Images.Count;
        var boxes = new IReadOnlyList<LabeledBox>[n];
        var usable = new bool[n];
        for (int r = 0; r < n; r++)
        {
            var image = dataset.Images[r];
            var own = byImage[image.Id].ToArray();
            if (own.Length > 0 && (image.Width <= 0 || image.Height <= 0))
                throw new UserError($"{dataset.Root}/{ManifestFile.FileName}: image '{image.Id}' has boxes but no width/height; re-import the dataset");
            boxes[r] = own.Select(b => new LabeledBox(CacheGeometry.ToCache(Box.FromXywh(b.X, b.Y, b.W, b.H), image.Width, image.Height, cacheSize), classIndex[b.Label])).ToArray();
            usable[r] = own.Length > 0 || !image.Labels.Any(classIndex.ContainsKey);
        }
        return new DetectionSamples(classes, boxes, usable);
    }

    /// <summary>Usable rows of <paramref name="split"/>, in manifest order.</summary>
    public int[] Rows(Dataset dataset, Split split) =>
        Enumerable.Range(0, dataset.Images.Count).Where(r => Usable[r] && dataset.Images[r].Split == split).ToArray();
}
