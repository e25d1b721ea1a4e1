using System.Runtime;

namespace XraySynth.Torch;

/// <summary>
/// Keeps garbage collections out of a training step. TorchSharp 0.107 passes temporary Scalars (e.g. inside
/// BatchNorm.forward and its optimizers) to libtorch by handle without keeping them alive; a collection during the
/// native call lets the finalizer free them while libtorch reads them ("Unknown scalar type", "alpha must not be a
/// floating point number" crashes after a few thousand steps). Inside this scope the runtime collects only at its
/// start (between steps, when no native call is in flight), unless the step allocates more than the budget.
/// </summary>
public readonly struct GcQuietStep : IDisposable
{
    /// <summary>Bytes the step may allocate before a collection is allowed anyway.</summary>
    public const long Budget = 64L * 1024 * 1024;

    readonly bool active;

    GcQuietStep(bool active) => this.active = active;

    /// <summary>Starts a no-GC region for one step (a collection may run now, before the step's native calls).</summary>
    public static GcQuietStep Begin()
    {
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return new GcQuietStep(false);
            return new GcQuietStep(GC.TryStartNoGCRegion(Budget));
        }
        catch (InvalidOperationException)
        {
            return new GcQuietStep(false);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new GcQuietStep(false);
        }
    }

    /// <summary>Ends the region if it is still in force (a step that outgrew the budget already ended it).</summary>
    public void Dispose()
    {
        if (!active || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try { GC.EndNoGCRegion(); }
        catch (InvalidOperationException) { }
    }
}
