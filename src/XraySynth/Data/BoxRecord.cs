namespace XraySynth.Data;

/// <summary>One row of boxes.csv: a finding's bounding box in the pixels of the image file.</summary>
/// <param name="ImageId">The image (manifest id).</param>
/// <param name="Label">The finding, a label of the dataset's vocabulary.</param>
/// <param name="X">Left edge in pixels of the original image.</param>
/// <param name="Y">Top edge.</param>
/// <param name="W">Width.</param>
/// <param name="H">Height.</param>
public sealed record BoxRecord(string ImageId, string Label, double X, double Y, double W, double H);
