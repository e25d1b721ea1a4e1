namespace XraySynth.Detect.Boxes;

/// <summary>A ground-truth box of one detection class.</summary>
/// <param name="Box">Where.</param>
/// <param name="Class">Index of the class in the detector's class list.</param>
public readonly record struct LabeledBox(Box Box, int Class);
