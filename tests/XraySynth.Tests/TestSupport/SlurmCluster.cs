namespace XraySynth.Tests.TestSupport;

/// <summary>
/// A single-node Slurm cluster on localhost (tests/slurm/cluster.sh), started once on first use and stopped by its pids
/// when the test process exits. Tests that need it use <see cref="SlurmFactAttribute"/>.
/// </summary>
public static class SlurmCluster
{
    /// <summary>Set to 1 (CI does) to fail instead of skipping when the Slurm commands are absent.</summary>
    public const string RequireVariable = "XRAYSYNTH_REQUIRE_SLURM";

    static readonly Lazy<string> Folder = new(Start);

    /// <summary>True when slurmctld, slurmd, sbatch and munged are installed.</summary>
    public static bool Installed { get; } =
        new[] { "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "munged" }.All(c => Which(c) is not null);

    /// <summary>Starts the cluster if needed and points this process (and its children) at it through SLURM_CONF.</summary>
    public static void EnsureStarted() => _ = Folder.Value;

    static string Start()
    {
        string folder = Path.Combine(Path.GetTempPath(), "xraysynth-slurm", Guid.NewGuid().ToString("N")[..8]);
        string script = Path.Combine(SharedData.RepositoryRoot, "tests", "slurm", "cluster.sh");
        var (code, output) = Bash(script, "start", folder);
        if (code != 0) throw new InvalidOperationException($"could not start the test Slurm cluster (exit {code}): {output}");
        Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(folder, "slurm.conf"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Bash(script, "stop", folder);
        return folder;
    }

    /// <summary>Runs a Slurm client command (squeue, scancel, scontrol) against the cluster; returns its output.</summary>
    public static string Command(string command, params string[] args)
    {
        EnsureStarted();
        return ExternalProcess.Run(command, args).Output;
    }

    static (int Code, string Output) Bash(string script, params string[] args) => ExternalProcess.Run("bash", [script, .. args]);

    static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs the Slurm daemons and clients; skipped with a message when they are absent (unless CI requires them).</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    /// <summary>Skips when Slurm is not installed and <see cref="SlurmCluster.RequireVariable"/> is not 1.</summary>
    public SlurmFactAttribute()
    {
        if (!SlurmCluster.Installed && Environment.GetEnvironmentVariable(SlurmCluster.RequireVariable) != "1")
            Skip = "Slurm is not installed (apt-get install slurmctld slurmd slurm-client munge): skipped";
    }
}
