using System.Diagnostics;

namespace XraySynth.Common;

/// <summary>The git commit of the working directory's checkout, recorded with results so every number names the code that made it.</summary>
public static class GitCommit
{
    /// <summary>
    /// The commit hash at HEAD of the checkout containing <paramref name="directory"/> (default: the current directory),
    /// with "-dirty" when tracked files have uncommitted changes; null when there is no checkout or no git.
    /// </summary>
    public static string? Describe(string? directory = null)
    {
        directory ??= Directory.GetCurrentDirectory();
        string? head = Git(directory, "rev-parse", "HEAD");
        if (head is null || head.Length < 7) return null;
        string? status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return status is { Length: > 0 } ? head + "-dirty" : head;
    }

    static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return null;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) { process.Kill(); return null; }
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
