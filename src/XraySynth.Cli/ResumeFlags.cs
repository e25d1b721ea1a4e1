using XraySynth.Common;

namespace XraySynth.Cli;

/// <summary>
/// With <c>--resume RUN</c> a run keeps the settings in its config.yaml and run.json. A flag that would change one of them
/// is an error naming the flag, the run's value and the ways out, never silently ignored; a flag equal to the run's value is fine.
/// </summary>
public static class ResumeFlags
{
    /// <summary>One flag whose value is fixed for a run's lifetime.</summary>
    /// <param name="Flag">The flag, e.g. <c>--arch</c>.</param>
    /// <param name="Given">Its value on the command line, spelled as <paramref name="Run"/> is, or null when the flag was not given.</param>
    /// <param name="Run">The resumed run's value.</param>
    public readonly record struct Setting(string Flag, string? Given, string? Run);

    /// <summary>Throws one <see cref="UserError"/> listing every given flag whose value differs from the resumed run's.</summary>
    /// <param name="command">The command, e.g. <c>classify train</c>.</param>
    /// <param name="run">The run folder given to <c>--resume</c>.</param>
    /// <param name="settings">The flags to check.</param>
    public static void EnsureUnchanged(string command, string run, params Setting[] settings)
    {
        var conflicts = settings
            .Where(s => s.Given is not null && !string.Equals(s.Given, s.Run, StringComparison.Ordinal))
            .Select(s => $"{s.Flag} {s.Given} differs from the run's {s.Run ?? "(none)"}")
            .ToList();
        if (conflicts.Count == 0) return;
        string these = conflicts.Count == 1 ? "this setting" : "these settings";
        string flags = conflicts.Count == 1 ? "the flag" : "the flags";
        throw new UserError($"{command} --resume {run}: {string.Join(", ", conflicts)}; {these} cannot change when a run resumes: " +
                            $"drop {flags} to continue the run as it was, or start a new run without --resume");
    }

    /// <summary>A folder flag's value as an absolute path without a trailing separator, so equal folders compare equal; null stays null.</summary>
    public static string? FullPath(string? path) =>
        path is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
