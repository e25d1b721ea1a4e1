namespace XraySynth.Detect.Boxes;

/// <summary>A predicted box: where, which class, how confident.</summary>
/// <param name="Box">Where.</param>
/// <param name="Class">Index of the class in the detector's class list.</param>
/// <param name="Score">Confidence in [0, 1].</param>
public readonly record struct DetectedBox(Box Box, int Class, float Score);
