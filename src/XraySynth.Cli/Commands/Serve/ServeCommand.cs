using System.CommandLine;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Web;

namespace XraySynth.Cli.Commands.Serve;

/// <summary><c>xraysynth serve</c>: the local web viewer (datasets, GAN runs, diagnose with boxes and Grad-CAM, history).</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var datasets = new Option<string[]>("--dataset") { Description = "dataset folder to browse (repeat for several)", AllowMultipleArgumentsPerToken = true };
        var runs = new Option<string?>("--runs") { Description = "folder searched for GAN run folders [default: checkpoints]" };
        var classifier = new Option<string?>("--classifier") { Description = "classifier run for the diagnose page (findings and Grad-CAM)" };
        var detector = new Option<string?>("--detector") { Description = "detector run whose boxes the diagnose page draws [default: the Grad-CAM region of the top finding]" };
        var host = new Option<string>("--host") { Description = "address to listen on; anything but 127.0.0.1 exposes the server to your network", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "port (0: any free port)", DefaultValueFactory = _ => 5077 };
        var history = new Option<string>("--history") { Description = "SQLite file of past diagnoses", DefaultValueFactory = _ => "reports/serve/history.sqlite" };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "largest upload in MiB", DefaultValueFactory = _ => 20 };
        var threshold = new Option<double>("--box-threshold") { Description = "detector boxes scoring below this are not drawn", DefaultValueFactory = _ => 0.3 };
        var command = new Command("serve", "Local web viewer: browse real vs synthetic images, watch GAN runs, diagnose an X-ray (findings, boxes, Grad-CAM); research use only");
        foreach (Option option in new Option[] { datasets, runs, classifier, detector, host, port, history, maxUpload, threshold }) command.Options.Add(option);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            if (parse.GetValue(port) is < 0 or > 65535) throw new UserError($"--port {parse.GetValue(port)}: expected 0 to 65535");
            if (parse.GetValue(maxUpload) is < 1 or > 1024) throw new UserError($"--max-upload-mb {parse.GetValue(maxUpload)}: expected 1 to 1024");
            if (parse.GetValue(threshold) is < 0 or > 1 or double.NaN) throw new UserError($"--box-threshold {parse.GetValue(threshold)}: expected a score in [0, 1]");
            var options = new WebServerOptions
            {
                Datasets = parse.GetValue(datasets) ?? [],
                Runs = parse.GetValue(runs) ?? "checkpoints",
                Classifier = parse.GetValue(classifier),
                Detector = parse.GetValue(detector),
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                History = parse.GetValue(history)!,
                Uploads = new Web.Safety.UploadLimits { MaxBytes = parse.GetValue(maxUpload) * (1L << 20) },
                BoxThreshold = parse.GetValue(threshold),
            };
            if (!options.IsLoopback)
                context.Reporter.Warn($"--host {options.Host}: the viewer is reachable from other machines on your network; it has no login, so anyone who can reach it can see your datasets and diagnoses");
            AspNetCoreRuntime.Register();
            var device = options.Classifier is null ? null : context.StartTorch(compute).Device;
            return Serve(options, device, context);
        });
        return command;
    }

    // Separate and not inlined: ASP.NET Core types are resolved when this is compiled, after the framework is registered.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static int Serve(WebServerOptions options, TorchSharp.torch.Device? device, CommandContext context)
    {
        var console = context.Console;
        using var cancel = new CtrlC();
        var server = WebServer.StartAsync(options, device, console.Error, cancel.Token).GetAwaiter().GetResult();
        try
        {
            context.Console.Out.WriteLine($"XraySynth viewer at {server.Address} (Ctrl-C stops it). Research tool, not for clinical use.");
            context.Console.Out.WriteLine($"  datasets: {server.State.Datasets.Datasets.Count}, GAN runs under {server.State.GanRuns.Root}: {server.State.GanRuns.Scan().Count}, " +
                (server.State.Diagnoser is { } d ? $"classifier {d.ClassifierName}, boxes from {d.DetectorName ?? "Grad-CAM regions"}" : "diagnose off (no --classifier)"));
            server.WaitAsync(cancel.Token).GetAwaiter().GetResult();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        context.Console.Out.WriteLine("viewer stopped");
        return 0;
    }
}
