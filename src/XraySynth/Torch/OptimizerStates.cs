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

    /// <summary>
    /// Reads a state written by <see cref="Save"/> into <paramref name="optimizer"/> (built on the same parameters).
    /// Adam's state moves between TorchSharp's Adam/AdamW and <see cref="ForeachAdam"/> either way (same step counts and
    /// moments), so a run resumes after its <c>foreach_adam</c> setting changed, or from a snapshot made before it existed.
    /// </summary>
    /// <exception cref="InvalidDataException">The state is another optimizer's.</exception>
    /// <exception cref="ArgumentException">Another number of parameter groups or parameters, or a tensor of another shape.</exception>
    public static void Load(OptimizerHelper optimizer, BinaryReader reader)
    {
        long start = reader.BaseStream.Position;
        string kind = reader.ReadString();
        reader.BaseStream.Position = start;
        switch (optimizer)
        {
            case ForeachAdam foreachAdam when kind is nameof(Adam) or nameof(AdamW):
            {
                // TorchSharp's own reader into a twin over the same parameters, then its steps and moments across.
                var parameters = foreachAdam.parameters().ToList();
                using OptimizerHelper twin = kind == nameof(Adam) ? optim.Adam(parameters) : optim.AdamW(parameters);
                Load(twin, reader);
                var states = TorchSharpStates(twin);
                for (int i = 0; i < foreachAdam.Count; i++) foreachAdam.SetState(i, states[i].Step, states[i].First, states[i].Second);
                return;
            }
            case ForeachAdam foreachAdam:
                foreachAdam.LoadState(reader);   // its own state, or an error naming what was found
                return;
            case not ForeachAdam when kind == ForeachAdam.StateMarker:
            {
                using var twin = new ForeachAdam(optimizer.parameters());
                twin.LoadState(reader);
                var states = optimizer.state_dict().State;
                if (states.Count != twin.Count) throw new ArgumentException($"the optimizer state holds {twin.Count} parameters, this optimizer has {states.Count}");
                using var noGrad = no_grad();
                for (int i = 0; i < twin.Count; i++)
                {
                    var (step, first, second) = twin.State(i);
                    switch (states[i])
                    {
                        case Adam.State a: a.step = step; Copy(a.exp_avg, first); Copy(a.exp_avg_sq, second); break;
                        case AdamW.State a: a.step = step; Copy(a.exp_avg, first); Copy(a.exp_avg_sq, second); break;
                        default: throw new InvalidDataException($"a multi-tensor Adam state cannot continue as {optimizer.GetType().Name}");
                    }
                }
                return;
            }
            default:
            {
                using var dense = ChannelsLast.DenseWhile(Tensors(optimizer));
                optimizer.load_state_dict(reader);
                return;
            }
        }
    }

    static void Copy(Tensor target, Tensor? source)
    {
        if (source is null) target.zero_();
        else target.copy_(source);
    }

    /// <summary>Per parameter: step count and moments of TorchSharp's Adam or AdamW.</summary>
    static List<(long Step, Tensor First, Tensor Second)> TorchSharpStates(OptimizerHelper optimizer) =>
        optimizer.state_dict().State.Select(state => state switch
        {
            Adam.State a => (a.step, a.exp_avg, a.exp_avg_sq),
            AdamW.State a => (a.step, a.exp_avg, a.exp_avg_sq),
            _ => throw new InvalidDataException($"cannot read the moments of {optimizer.GetType().Name}"),
        }).ToList();

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
