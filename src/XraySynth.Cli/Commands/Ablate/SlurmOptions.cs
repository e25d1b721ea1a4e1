using System.CommandLine;
using XraySynth.Experiments.Ablation.Slurm;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary>The <c>slurm:</c> settings as flags of <c>xraysynth ablate --executor slurm</c>; given flags override the file.</summary>
public sealed class SlurmOptions
{
    readonly Option<string?> partition = new("--partition") { Description = "Slurm partition (slurm.partition)" };
    readonly Option<string?> account = new("--account") { Description = "Slurm account (slurm.account)" };
    readonly Option<string?> qos = new("--qos") { Description = "Slurm quality of service (slurm.qos)" };
    readonly Option<string?> gres = new("--gres") { Description = "generic resources of GAN and classifier tasks, e.g. gpu:1 (slurm.gres)" };
    readonly Option<int?> cpus = new("--cpus-per-task") { Description = "CPUs per task (slurm.cpus_per_task)" };
    readonly Option<string?> mem = new("--mem") { Description = "memory per task, e.g. 32G (slurm.mem)" };
    readonly Option<int?> parallel = new("--array-parallelism") { Description = "most tasks of one array running at once (slurm.array_parallelism)" };
    readonly Option<string?> timeGan = new("--time-gan") { Description = "time limit of each GAN task (slurm.time_gan)" };
    readonly Option<string?> timeCell = new("--time-cell") { Description = "time limit of each classifier cell (slurm.time_cell)" };
    readonly Option<string?> signal = new("--signal") { Description = "warning signal before the time limit, e.g. B:USR1@120 (slurm.signal)" };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { partition, account, qos, gres, cpus, mem, parallel, timeGan, timeCell, signal }) command.Options.Add(option);
    }

    /// <summary><paramref name="config"/> with the given flags applied.</summary>
    public SlurmConfig Apply(ParseResult parse, SlurmConfig config)
    {
        if (parse.GetValue(partition) is { } p) config = config with { Partition = p };
        if (parse.GetValue(account) is { } a) config = config with { Account = a };
        if (parse.GetValue(qos) is { } q) config = config with { Qos = q };
        if (parse.GetValue(gres) is { } g) config = config with { Gres = g };
        if (parse.GetValue(cpus) is { } c) config = config with { CpusPerTask = c };
        if (parse.GetValue(mem) is { } m) config = config with { Mem = m };
        if (parse.GetValue(parallel) is { } n) config = config with { ArrayParallelism = n };
        if (parse.GetValue(timeGan) is { } tg) config = config with { TimeGan = tg };
        if (parse.GetValue(timeCell) is { } tc) config = config with { TimeCell = tc };
        if (parse.GetValue(signal) is { } s) config = config with { Signal = s };
        var problems = config.Validate().Select(x => $"slurm.{x.Key}: {x.Message}").ToList();
        if (problems.Count > 0) throw new Common.UserError(string.Join("; ", problems));
        return config;
    }

    /// <summary>The command that starts this xraysynth on a node: slurm.command, else this process (its apphost or dotnet + dll).</summary>
    public static string SelfCommand(SlurmConfig config)
    {
        if (config.Command.Trim().Length > 0) return config.Command.Trim();
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileName(process).StartsWith("xraysynth", StringComparison.Ordinal)) return SlurmScripts.Quote(process);
        string apphost = Path.Combine(AppContext.BaseDirectory, "xraysynth");
        if (File.Exists(apphost)) return SlurmScripts.Quote(apphost);
        return $"{SlurmScripts.Quote(process ?? "dotnet")} {SlurmScripts.Quote(Path.Combine(AppContext.BaseDirectory, "xraysynth.dll"))}";
    }

    /// <summary>The compute flags given to <c>ablate</c>, passed on to every task.</summary>
    public static IReadOnlyList<string> Forward(ParseResult parse, ComputeOptions compute)
    {
        var args = new List<string>();
        if (parse.GetValue(compute.Device) is { } d) args.AddRange(["--device", d]);
        if (parse.GetValue(compute.LibTorch) is { } l) args.AddRange(["--libtorch", Path.GetFullPath(l)]);
        if (parse.GetValue(compute.Threads) is { } t) args.AddRange(["--threads", t.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return args;
    }
}
