using XraySynth.Detect.Boxes;

namespace XraySynth.Evaluate.Detection;

/// <summary>One evaluated image: its ground-truth boxes and the detector's boxes.</summary>
/// <param name="Truth">Ground-truth boxes (any classes).</param>
/// <param name="Predicted">Predicted boxes (any classes, any order).</param>
public sealed record DetectionImage(IReadOnlyList<LabeledBox> Truth, IReadOnlyList<DetectedBox> Predicted);
