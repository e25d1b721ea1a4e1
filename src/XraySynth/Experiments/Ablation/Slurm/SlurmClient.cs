using System.Diagnostics;
using XraySynth.Common;

namespace XraySynth.Experiments.Ablation.Slurm;

/// <summary>A Slurm task's state as <c>squeue</c> reports it.</summary>
/// <param name="State">E.g. PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT.</param>
/// <param name="Elapsed">Run time so far, as squeue prints it.</param>
public sealed record SlurmTaskState(string State, string Elapsed)
{
    /// <summary>Still queued or running (will produce a result or a failure later).</summary>
    public bool Active => State is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESIZING" or "SUSPENDED" or "STAGE_OUT";
}

/// <summary>What the executor needs from the cluster: submitting scripts and reading task states.</summary>
public interface ISlurmClient
{
    /// <summary>Submits <paramref name="script"/> with a dependency expression (e.g. <c>afterok:12_0:13</c>, or null); returns the job id.</summary>
    string Submit(string script, string? dependency);

    /// <summary>States of the tasks of <paramref name="jobIds"/> (keys <c>JOB_TASK</c> for array tasks) that Slurm still remembers.</summary>
    IReadOnlyDictionary<string, SlurmTaskState> Tasks(IReadOnlyCollection<string> jobIds);
}

/// <summary>The real cluster, through <c>sbatch</c> and <c>squeue</c> on the PATH.</summary>
public sealed class SlurmClient : ISlurmClient
{
    /// <summary>True when <c>sbatch</c> and <c>squeue</c> can be found on the PATH.</summary>
    public static bool Available() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, "sbatch")) && File.Exists(Path.Combine(dir, "squeue")));

    /// <inheritdoc />
    public string Submit(string script, string? dependency)
    {
        var args = new List<string> { "--parsable" };
        if (dependency is not null) args.Add($"--dependency={dependency}");
        args.Add(script);
        string output = Run("sbatch", args).Trim();
        string id = output.Split(';')[0]; // "123" or "123;cluster"
        if (!long.TryParse(id, out _)) throw new UserError($"sbatch {script}: unexpected answer '{output}'");
        return id;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, SlurmTaskState> Tasks(IReadOnlyCollection<string> jobIds)
    {
        var states = new Dictionary<string, SlurmTaskState>(StringComparer.Ordinal);
        if (jobIds.Count == 0) return states;
        string output;
        try { output = Run("squeue", ["-h", "-r", "-t", "all", "-j", string.Join(",", jobIds), "-o", "%i|%T|%M"]); }
        catch (UserError) { return states; } // squeue refuses ids it has forgotten: nothing known
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length == 3) states[parts[0]] = new SlurmTaskState(parts[1], parts[2]);
        }
        return states;
    }

    static string Run(string command, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start) ?? throw new UserError($"{command}: could not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new UserError($"{command} is not installed or not on PATH (Slurm client commands are needed for --executor slurm)", e); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new UserError($"{command} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout;
        }
    }
}
