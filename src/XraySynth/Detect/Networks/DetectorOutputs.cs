using static TorchSharp.torch;

namespace XraySynth.Detect.Networks;

/// <summary>The detector's raw maps at stride <see cref="CenterNetDetector.Stride"/>; owned by the caller's dispose scope.</summary>
/// <param name="Heatmap">Class-centre logits <c>[N, C, h, w]</c> (sigmoid = probability of a box centre of that class in the cell).</param>
/// <param name="Size">Log box width and height in cells <c>[N, 2, h, w]</c>, read at centres.</param>
/// <param name="Offset">Sub-cell centre offset (x, y) in cells <c>[N, 2, h, w]</c>, read at centres.</param>
public sealed record DetectorOutputs(Tensor Heatmap, Tensor Size, Tensor Offset);
