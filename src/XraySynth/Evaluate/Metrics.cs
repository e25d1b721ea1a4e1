using XraySynth.Common;

namespace XraySynth.Evaluate;

/// <summary>The per-label metrics by name, for configs and the CLI.</summary>
public static class Metrics
{
    /// <summary>All metrics, in report order.</summary>
    public static IReadOnlyList<Metric> All { get; } =
    [
        new("auroc", "area under the ROC curve (ties count 1/2)", Auroc.Compute),
        new("auprc", "average precision (step-wise area under the precision-recall curve)", Auprc.Compute),
        new("sens@spec90", "largest sensitivity with specificity >= 0.90", (s, l) => SensitivityAtSpecificity.Compute(s, l, 0.9)),
        new("ece", "expected calibration error, 15 equal-width bins", (p, l) => CalibrationError.Expected(p, l)),
    ];

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The metric called <paramref name="name"/> (case-insensitive); a <see cref="UserError"/> with a hint otherwise.</summary>
    public static Metric Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserError($"unknown metric '{name}'{NameSuggester.Hint(name, Names)} (known: {string.Join(", ", Names)})");
}
