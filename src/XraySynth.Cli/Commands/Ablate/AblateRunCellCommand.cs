using System.CommandLine;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Experiments.Ablation;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary>
/// <c>xraysynth ablate run-cell RUN --cell ID</c>: runs one job of a run as its own process and writes its result file
/// atomically (no store: that is for <c>collect</c>), as a cluster array task does.
/// </summary>
public static class AblateRunCellCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var runArgument = new Argument<string>("RUN") { Description = "the ablation run folder (OUT/NAME)" };
        var cell = new Option<string>("--cell") { Description = "job id (data, gan-GEN-sSEED, cell-ARM-sSEED; see 'ablate status')", Required = true };
        var command = new Command("run-cell", "Run one job of an ablation run in this process and write its result file (for cluster array tasks)");
        command.Arguments.Add(runArgument);
        command.Options.Add(cell);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var run = AblationRun.Open(context.Parse.GetValue(runArgument)!);
            var job = run.Plan.Job(context.Parse.GetValue(cell)!);
            if (run.Result(job.Id) is { IsDone: true })
            {
                context.Console.Out.WriteLine($"{job.Id}: already done ({run.ResultFile(job.Id)})");
                return 0;
            }
            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC();
            try
            {
                var result = context.WithProgress(reporter => AblationJobRunner.Run(job, new AblationContext(run, runtime, reporter, context.CommandLine, GitCommit.Describe()), cancel.Token));
                result.Write(run.ResultFile(job.Id));
                context.Console.Out.WriteLine($"{job.Id}: done in {result.Seconds:0} s ({run.ResultFile(job.Id)})");
                return 0;
            }
            catch (OperationCanceledException)
            {
                context.Console.Error.WriteLine($"{job.Id}: interrupted; its snapshot is kept and the job resumes when run again.");
                return 130;
            }
            catch (Exception e) when (e is UserError or IOException or InvalidDataException or InvalidOperationException or ArgumentException
                                       or System.Runtime.InteropServices.ExternalException)
            {
                // Recorded so 'ablate status' shows why; a later run of the job replaces the file.
                JobResult.FailedWith(job, e.Message, GitCommit.Describe(), runtime.Device.ToString()).Write(run.ResultFile(job.Id));
                throw;
            }
        });
        return command;
    }
}
