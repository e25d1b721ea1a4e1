using XraySynth.Data.Images;
using XraySynth.Detect.Boxes;

namespace XraySynth.Detect.Synthesis;

/// <summary>A lesion patch: pixels with context around the lesion, and where the lesion sits in them.</summary>
/// <param name="Pixels">The patch.</param>
/// <param name="Lesion">The lesion's box in patch pixels.</param>
public sealed record LesionPatch(GrayImage Pixels, Box Lesion);

/// <summary>Where lesion patches come from (real crops, or a patch generator).</summary>
public interface ILesionPatchSource
{
    /// <summary>Short description for dataset.json (e.g. "real crops").</summary>
    string Description { get; }

    /// <summary>A patch of <paramref name="label"/> with <paramref name="margin"/> context (fraction of the box side), drawn with <paramref name="random"/>.</summary>
    LesionPatch Next(string label, double margin, Random random);
}
