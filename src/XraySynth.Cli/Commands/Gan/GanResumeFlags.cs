using System.Globalization;
using XraySynth.Common;
using XraySynth.Gan;

namespace XraySynth.Cli.Commands.Gan;

/// <summary>
/// <c>gan train --resume RUN</c> continues the run as its config.yaml and run.json describe it: flags that would change
/// what it is (data, output folder, kind, resolution, label focus, seed) must be left out or repeat the run's values.
/// Flags that may change on resume (--kimg, --quality-kimg, --max-minutes, --device, --threads, --libtorch) are not checked here.
/// </summary>
static class GanResumeFlags
{
    /// <summary>The identity flags as given on the command line (null / false = not given).</summary>
    public sealed record Given(string? Data, string? Out, string? Kind, int? Resolution, string? Labels, bool Balanced, long? Seed);

    /// <summary>
    /// Throws one <see cref="UserError"/> listing every given flag that differs from the resumed run's value, each with
    /// the run's value and what to do.
    /// </summary>
    /// <param name="run">The run folder being resumed.</param>
    /// <param name="config">Its config.yaml.</param>
    /// <param name="dataset">Its dataset folder (run.json).</param>
    /// <param name="seed">Its seed (run.json).</param>
    /// <param name="given">The flags.</param>
    public static void Check(string run, GanConfig config, string dataset, long seed, Given given)
    {
        var conflicts = new List<string>();
        void Conflict(string flag, string value, string runValue) =>
            conflicts.Add($"{flag}{(value.Length == 0 ? "" : " " + value)} conflicts with the run's {runValue}");

        if (given.Data is { } data && !SamePath(data, dataset)) Conflict("--data", data, $"data {dataset}");
        string parent = Path.GetDirectoryName(ResumeFlags.FullPath(run)) ?? "";
        if (given.Out is { } output && !SamePath(output, parent)) Conflict("--out", output, $"folder {parent}");
        if (given.Kind is { } kind && !string.Equals(kind.Trim(), Lower(config.Kind), StringComparison.OrdinalIgnoreCase))
            Conflict("--kind", kind, $"kind {Lower(config.Kind)}");
        if (given.Resolution is { } resolution && resolution != config.Resolution)
            Conflict("--resolution", resolution.ToString(CultureInfo.InvariantCulture), $"resolution {config.Resolution}");
        if (given.Labels is { } labels)
        {
            var asked = labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (config.Focus != LabelFocus.Subset || !asked.SetEquals(config.Labels)) Conflict("--labels", labels, Focus(config));
        }
        if (given.Balanced && config.Focus != LabelFocus.Balanced) Conflict("--balanced", "", Focus(config));
        if (given.Seed is { } s && s != seed) Conflict("--seed", s.ToString(CultureInfo.InvariantCulture), $"seed {seed.ToString(CultureInfo.InvariantCulture)}");
        if (conflicts.Count == 0) return;
        throw new UserError($"gan train --resume {run}: {string.Join("; ", conflicts)}. A resumed run keeps its settings: drop these flags to continue it " +
                            "(only --kimg, --quality-kimg, --max-minutes and the compute flags may change), or start a new run without --resume to train with them");
    }

    static string Lower(GanKind kind) => kind.ToString().ToLowerInvariant();

    static string Focus(GanConfig config) => config.Focus switch
    {
        LabelFocus.Subset => $"labels {string.Join(",", config.Labels)} (focus subset)",
        _ => $"focus {config.Focus.ToString().ToLowerInvariant()}",
    };

    static bool SamePath(string a, string b) => string.Equals(ResumeFlags.FullPath(a), ResumeFlags.FullPath(b), StringComparison.Ordinal);
}
