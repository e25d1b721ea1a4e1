using XraySynth.Common;
using XraySynth.Configuration;

namespace XraySynth.Balance;

/// <summary>Text forms of <see cref="BalanceStrategy"/>, the same as YAML configs use (<c>target-count</c>).</summary>
public static class BalanceStrategyNames
{
    /// <summary>Every strategy's name in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<BalanceStrategy>().Select(Format).ToArray();

    /// <summary><c>target-count</c>, <c>match-median</c>, <c>match-max</c>, <c>ratio</c> or <c>oversample</c>.</summary>
    public static string Format(BalanceStrategy strategy) => ConfigNames.ToSnakeCase(strategy.ToString()).Replace('_', '-');

    /// <summary>Parses a strategy name (case-insensitive; '_' and '-' alike).</summary>
    /// <exception cref="UserError">Not a strategy name; the message lists them and suggests the nearest.</exception>
    public static BalanceStrategy Parse(string text)
    {
        string wanted = text.Trim().ToLowerInvariant().Replace('_', '-');
        foreach (var strategy in Enum.GetValues<BalanceStrategy>())
            if (Format(strategy) == wanted) return strategy;
        throw new UserError($"--strategy '{text}': expected one of {string.Join(", ", All)}{NameSuggester.Hint(wanted, All)}");
    }
}
