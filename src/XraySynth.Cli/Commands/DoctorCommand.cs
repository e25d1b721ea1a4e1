using System.CommandLine;
using Spectre.Console;
using XraySynth.Torch;

namespace XraySynth.Cli.Commands;

/// <summary><c>xraysynth doctor</c>: what torch this machine runs and where; the first command a user runs.</summary>
public static class DoctorCommand
{
    /// <summary>Output folders whose free space is reported.</summary>
    public static readonly string[] OutputFolders = ["checkpoints", "generated", "reports"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var smoke = new Option<bool>("--smoke") { Description = "also run a tiny training step on the device (forward, backward, Adam)" };
        var command = new Command("doctor", "Show TorchSharp/libtorch versions, where libtorch was loaded from, CUDA devices, threads and free disk");
        compute.AddTo(command);
        command.Options.Add(smoke);
        CommandRunner.SetAction(command, console, global, context =>
        {
            TorchRuntime runtime = context.StartTorch(compute);
            DoctorReport report = DoctorReport.Gather(runtime, OutputFolders);
            context.Console.Out.Write(Render(report));
            if (!context.Parse.GetValue(smoke)) return 0;
            SmokeTestResult result = TrainingSmokeTest.Run(runtime);
            context.Console.Out.WriteLine(FormattableString.Invariant(
                $"training step on {result.Device}: loss {result.FirstLoss:0.000} -> {result.LastLoss:0.000}, {result.MillisecondsPerStep:0.00} ms/step: {(result.Learned ? "ok" : "FAILED (loss did not decrease)")}"));
            return result.Learned ? 0 : 1;
        });
        return command;
    }

    /// <summary>The report as a two-column table.</summary>
    public static Table Render(DoctorReport report)
    {
        var table = new Table().AddColumn("check").AddColumn("value").Title("xraysynth doctor");
        void Row(string key, string value) => table.AddRow(Markup.Escape(key), Markup.Escape(value));
        Row("TorchSharp", report.TorchSharpVersion);
        Row("libtorch", report.LibTorchVersion);
        Row("libtorch loaded from", report.LibTorchLocation);
        if (report.LibTorchCopies.Count > 1)
            Row("WARNING: libtorch_cpu.so loaded twice", string.Join(", ", report.LibTorchCopies));
        Row("libLibTorchSharp GLIBCXX_3.4.32", report.LibTorchSharpPatched switch { true => "weak (patched by the build)", false => "strong (unpatched)", null => "not found" });
        Row("device", report.Device);
        Row("CUDA available", report.CudaAvailable ? "yes" : "no");
        foreach (var gpu in report.Gpus)
            Row($"GPU {gpu.Index}", $"{gpu.Name}, {Gib(gpu.TotalBytes)} total, {Gib(gpu.FreeBytes)} free");
        Row("torch threads", $"{report.TorchThreads} (of {report.ProcessorCount} logical processors)");
        Row("deterministic algorithms", report.Deterministic ? "on" : "off");
        Row("CPU convolutions", report.CpuConvolutions);
        Row(".NET", report.DotNetVersion);
        foreach (var (folder, free) in report.FreeDisk) Row($"free disk in {folder}/", Gib(free));
        return table;
    }

    static string Gib(long bytes) => FormattableString.Invariant($"{bytes / (1024.0 * 1024 * 1024):0.0} GiB");
}
