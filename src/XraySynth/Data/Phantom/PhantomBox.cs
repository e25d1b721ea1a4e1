namespace XraySynth.Data.Phantom;

/// <summary>A lesion's ground-truth box in pixels of the written image (tight to the visible lesion).</summary>
/// <param name="Finding">The finding.</param>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="W">Width in pixels (at least 1).</param>
/// <param name="H">Height in pixels (at least 1).</param>
public sealed record PhantomBox(PhantomFinding Finding, int X, int Y, int W, int H);
