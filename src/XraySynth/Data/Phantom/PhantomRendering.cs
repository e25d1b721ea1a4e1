using XraySynth.Data.Images;

namespace XraySynth.Data.Phantom;

/// <summary>A painted phantom image and the boxes of its visible lesions.</summary>
/// <param name="Image">The radiograph.</param>
/// <param name="Boxes">One box per visible lesion, in NIH order.</param>
public sealed record PhantomRendering(GrayImage Image, IReadOnlyList<PhantomBox> Boxes);
