using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace XraySynth.Torch;

/// <summary>
/// Adam with PyTorch's multi-tensor (<c>_foreach_*</c>) kernels, reached through TorchScript: one update is ~8
/// kernel launches for all parameters instead of ~8 per parameter (TorchSharp's <see cref="Adam"/> loops over
/// them). The arithmetic is TorchSharp's Adam (or, with a weight decay, TorchSharp's AdamW: decoupled decay
/// <c>p ← p·(1 − lr·wd)</c> before the update) without amsgrad or maximize, op for op, so on the CPU the parameters
/// match it bit for bit. Like it, parameters without a gradient are skipped and each parameter
/// counts its own steps. Its state (steps and moments per parameter) is saved and loaded with <see cref="SaveState"/> and
/// <see cref="LoadState"/> (dense, any device and layout), so training with it resumes exactly.
/// </summary>
public sealed class ForeachAdam : OptimizerHelper
{
    const string Script = """
        def adam_step(params: List[Tensor], grads: List[Tensor], m: List[Tensor], v: List[Tensor],
                      beta1: float, beta2: float, eps: float, sqrt_bias2: float, step_size: float) -> Tensor:
            torch._foreach_mul_(m, beta1)
            torch._foreach_add_(m, grads, alpha=1.0 - beta1)
            torch._foreach_mul_(v, beta2)
            torch._foreach_addcmul_(v, grads, grads, 1.0 - beta2)
            denom = torch._foreach_sqrt(v)
            torch._foreach_div_(denom, sqrt_bias2)
            torch._foreach_add_(denom, eps)
            torch._foreach_addcdiv_(params, m, denom, -step_size)
            return params[0]

        def decay(params: List[Tensor], factor: float) -> Tensor:
            torch._foreach_mul_(params, factor)
            return params[0]

        def zero_grads(grads: List[Tensor]) -> Tensor:
            torch._foreach_zero_(grads)
            return grads[0]
        """;

    readonly jit.CompilationUnit unit;
    readonly Parameter[] managed;
    readonly Tensor?[] firstMoments;
    readonly Tensor?[] secondMoments;
    readonly long[] steps;
    readonly double beta1, beta2, eps, weightDecay;

    /// <summary>
    /// Creates the optimizer (same arguments and defaults as <c>torch.optim.Adam</c>; a positive
    /// <paramref name="weightDecay"/> makes it <c>torch.optim.AdamW</c> with that decoupled decay).
    /// </summary>
    public ForeachAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0)
    {
        if (lr < 0) throw new ArgumentException($"Invalid learning rate: {lr}");
        if (beta1 is < 0 or >= 1) throw new ArgumentException($"Invalid beta1: {beta1}");
        if (beta2 is < 0 or >= 1) throw new ArgumentException($"Invalid beta2: {beta2}");
        if (weightDecay < 0) throw new ArgumentException($"Invalid weight decay: {weightDecay}");
        managed = parameters.ToArray();
        (this.beta1, this.beta2, this.eps, this.weightDecay) = (beta1, beta2, eps, weightDecay);
        firstMoments = new Tensor?[managed.Length];
        secondMoments = new Tensor?[managed.Length];
        steps = new long[managed.Length];
        _defaults = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr };
        _parameter_groups = new List<ParamGroup>
        {
            new() { Parameters = managed, Options = new OptimizerOptions { LearningRate = lr, InitialLearningRate = lr } },
        };
        unit = jit.compile(Script + "\n");
    }

    /// <summary>The learning rate of the single parameter group (set by the trainer each step).</summary>
    public double LearningRate => _parameter_groups[0].LearningRate;

    /// <summary>Zeroes every existing gradient in one multi-tensor call (gradients stay allocated, as TorchSharp's Adam does).</summary>
    public override void zero_grad()
    {
        using var scope = NewDisposeScope();
        var grads = managed.Select(p => p.grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0) return;
        using var first = (Tensor)unit.invoke("zero_grads", new object[] { grads });
    }

    /// <summary>The decoupled weight decay (0: plain Adam).</summary>
    public double WeightDecay => weightDecay;

    /// <summary>One Adam(W) update of every parameter that has a gradient.</summary>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is not null) throw new NotSupportedException("ForeachAdam does not take a closure.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        double lr = LearningRate;
        var due = new List<(int Index, Tensor Grad)>();
        for (int i = 0; i < managed.Length; i++)
        {
            if (managed[i].grad is not { } grad) continue;
            if (firstMoments[i] is null) ResetMoments(i, stepped: true);
            steps[i]++;
            due.Add((i, grad));
        }
        // AdamW's decoupled decay, p ← p·(1 − lr·wd), on every parameter about to be updated (TorchSharp's AdamW
        // does it first, per parameter; the moments below do not read p, so the order is the same).
        if (weightDecay > 0 && due.Count > 0)
        {
            using Scalar factor = 1 - lr * weightDecay;
            using var decayed = (Tensor)unit.invoke("decay", due.Select(d => (Tensor)managed[d.Index]).ToArray(), factor);
        }
        // Parameters that have taken the same number of steps share the bias corrections: one call each (usually one).
        foreach (var group in due.GroupBy(d => steps[d.Index]))
        {
            double bias1 = 1 - Math.Pow(beta1, group.Key);
            double bias2 = 1 - Math.Pow(beta2, group.Key);
            var items = group.ToArray();
            // Scalars made and disposed here: TorchSharp's own double-to-Scalar conversion for invoke leaks them.
            using Scalar b1 = beta1, b2 = beta2, epsilon = eps, sqrtBias2 = Math.Sqrt(bias2), stepSize = lr / bias1;
            using var first = (Tensor)unit.invoke("adam_step",
                items.Select(d => (Tensor)managed[d.Index]).ToArray(),
                items.Select(d => d.Grad).ToArray(),
                items.Select(d => firstMoments[d.Index]!).ToArray(),
                items.Select(d => secondMoments[d.Index]!).ToArray(),
                b1, b2, epsilon, sqrtBias2, stepSize);
        }
        return null!;
    }

    /// <summary>The first string of a state written by <see cref="SaveState"/> (TorchSharp's optimizers write their class name there).</summary>
    public const string StateMarker = "XraySynth.ForeachAdam/1";

    /// <summary>How many parameters it updates (the order of <c>parameters()</c>).</summary>
    public int Count => managed.Length;

    /// <summary>Parameter <paramref name="i"/>'s step count and moments (null until it has stepped).</summary>
    public (long Step, Tensor? First, Tensor? Second) State(int i) => (steps[i], firstMoments[i], secondMoments[i]);

    /// <summary>
    /// Sets parameter <paramref name="i"/>'s step count and moments (copied; null moments or step 0: not stepped yet),
    /// e.g. from another Adam implementation's state.
    /// </summary>
    public void SetState(int i, long step, Tensor? first, Tensor? second)
    {
        using var noGrad = no_grad();
        steps[i] = step;
        if (!ResetMoments(i, stepped: step != 0 && first is not null && second is not null)) return;
        firstMoments[i]!.copy_(first!);
        secondMoments[i]!.copy_(second!);
    }

    /// <summary>Frees parameter <paramref name="i"/>'s moments; when it has stepped, makes new zero ones in its layout. Returns <paramref name="stepped"/>.</summary>
    bool ResetMoments(int i, bool stepped)
    {
        firstMoments[i]?.Dispose();
        secondMoments[i]?.Dispose();
        firstMoments[i] = secondMoments[i] = null;
        if (!stepped) return false;
        firstMoments[i] = zeros_like(managed[i]).DetachFromDisposeScope();
        secondMoments[i] = zeros_like(managed[i]).DetachFromDisposeScope();
        return true;
    }

    /// <summary>The moment tensors: per parameter that has taken a step its first, then its second moment (TorchSharp's order).</summary>
    public IEnumerable<Tensor> Moments() => firstMoments.Zip(secondMoments).SelectMany(m => new[] { m.First, m.Second }).OfType<Tensor>();

    /// <summary>Writes the state: per parameter its step count and, once it has stepped, both moments.</summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(StateMarker);
        TensorRecords.Encode(writer, managed.Length);
        for (int i = 0; i < managed.Length; i++)
        {
            writer.Write(steps[i]);
            writer.Write(firstMoments[i] is not null);
            if (firstMoments[i] is null) continue;
            TensorRecords.Write(writer, firstMoments[i]!);
            TensorRecords.Write(writer, secondMoments[i]!);
        }
    }

    /// <summary>Reads a state written by <see cref="SaveState"/> for the same parameters (moments take each parameter's layout).</summary>
    /// <exception cref="InvalidDataException">Not a ForeachAdam state.</exception>
    /// <exception cref="ArgumentException">Another number of parameters, or moments of another shape.</exception>
    public void LoadState(BinaryReader reader)
    {
        string marker = reader.ReadString();
        if (marker != StateMarker) throw new InvalidDataException($"expected the state of a multi-tensor Adam ({StateMarker}), found '{marker}'");
        long count = TensorRecords.Decode(reader);
        if (count != managed.Length) throw new ArgumentException($"the optimizer state holds {count} parameters, this optimizer has {managed.Length}");
        using var noGrad = no_grad();
        for (int i = 0; i < managed.Length; i++)
        {
            steps[i] = reader.ReadInt64();
            if (!ResetMoments(i, stepped: reader.ReadBoolean())) continue;
            TensorRecords.ReadInto(reader, firstMoments[i]!, $"first moment of parameter {i}");
            TensorRecords.ReadInto(reader, secondMoments[i]!, $"second moment of parameter {i}");
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var t in firstMoments.Concat(secondMoments)) t?.Dispose();
            unit.Dispose();
        }
        base.Dispose(disposing);
    }
}
