using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// Optimizer state in TorchSharp's format (<c>save_state_dict</c>/<c>load_state_dict</c>), for parameters in any
/// memory layout: Adam's and AdamW's moments are made like their parameters (<c>zeros_like</c>), so after
/// <see cref="ChannelsLast.Apply"/> they are NHWC-strided, which TorchSharp's tensor reader and writer refuse. They are
/// made dense for the read or write and laid out NHWC again after it (same tensors, so the optimizer is unaffected).
/// <see cref="ForeachAdam"/> writes its own state the same way.
/// </summary>
public static class OptimizerStates
{
    /// <summary>Writes <paramref name="optimizer"/>'s state.</summary>
    public static void Save(OptimizerHelper optimizer, BinaryWriter writer)
    {
        if (optimizer is ForeachAdam foreachAdam) { foreachAdam.SaveState(writer); return; }
        using var dense = ChannelsLast.DenseWhile(Tensors(optimizer));
        optimizer.save_state_dict(writer);
    }

    /// <summary>Reads a state written by <see cref="Save"/> into <paramref name="optimizer"/> (built on the same parameters).</summary>
    /// <exception cref="InvalidDataException">The state is another optimizer's.</exception>
    /// <exception cref="ArgumentException">Another number of parameter groups or parameters, or a tensor of another shape.</exception>
    public static void Load(OptimizerHelper optimizer, BinaryReader reader)
    {
        if (optimizer is ForeachAdam foreachAdam) { foreachAdam.LoadState(reader); return; }
        using var dense = ChannelsLast.DenseWhile(Tensors(optimizer));
        optimizer.load_state_dict(reader);
    }

    /// <summary>The state tensors of <paramref name="optimizer"/> (the moments of Adam, AdamW and ForeachAdam; none for other kinds).</summary>
    public static IEnumerable<Tensor> Tensors(OptimizerHelper optimizer)
    {
        if (optimizer is ForeachAdam foreachAdam)
        {
            foreach (var t in foreachAdam.Moments()) yield return t;
            yield break;
        }
        foreach (var state in optimizer.state_dict().State)
        {
            var (a, b, c) = state switch
            {
                Adam.State s => (s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq),
                AdamW.State s => (s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq),
                _ => (null, null, null),
            };
            foreach (var t in new[] { a, b, c }) if (t is not null) yield return t;
        }
    }
}
