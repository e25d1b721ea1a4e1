using System.CommandLine;
using Spectre.Console;
using XraySynth.Common;
using XraySynth.Evaluate;
using XraySynth.Experiments.Ablation;
using XraySynth.Experiments.Ablation.Slurm;

namespace XraySynth.Cli.Commands.Ablate;

/// <summary>
/// <c>xraysynth ablate --config FILE</c>: runs the ablation matrix (arms × seeds) of a config locally, skipping finished
/// jobs, then writes the summary; subcommands <c>status</c>, <c>collect</c> and <c>run-cell</c> work on a run folder.
/// </summary>
public static class AblateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plan (jobs, cells, dependencies) and its cell count, run nothing; with --executor slurm also write the job scripts and print the sbatch commands" };
        var executor = new Option<string>("--executor") { Description = "local (this process, one job after another) or slurm (job arrays with dependencies on a Slurm cluster)", DefaultValueFactory = _ => "local" };
        executor.AcceptOnlyFromAmong("local", "slurm");
        var slurmOptions = new SlurmOptions();
        var report = new Option<string?>("--report") { Description = "report folder written when every job is done [default: reports/NAME]" };
        var command = new Command("ablate", "Run an ablation matrix (arms × seeds: real-only, +GAN synthetic, oversampling, class weights, focal loss, ...) " +
                                            "from --config FILE; results go to OUT/NAME/results.sqlite; re-running continues a killed run");
        command.Options.Add(dryRun);
        command.Options.Add(executor);
        command.Options.Add(report);
        compute.AddTo(command);
        slurmOptions.AddTo(command);
        command.Subcommands.Add(AblateStatusCommand.Create(console, global));
        command.Subcommands.Add(AblateCollectCommand.Create(console, global));
        command.Subcommands.Add(AblateRunCellCommand.Create(console, global));
        CommandRunner.SetAction(command, console, global, context =>
        {
            string config = context.ConfigPath ?? throw new UserError("ablate: give the ablation file with --config FILE (see configs/ablation-phantom.yaml)");
            var settings = AblationSettings.Load(config);
            settings = settings with { Slurm = slurmOptions.Apply(context.Parse, settings.Slurm) };
            var plan = AblationPlan.From(settings.Ablation);
            if (context.Parse.GetValue(executor) == "slurm")
                return SubmitToSlurm(context, settings, context.Parse.GetValue(dryRun), SlurmOptions.Forward(context.Parse, compute));
            if (context.Parse.GetValue(dryRun))
            {
                context.Console.Out.WriteLine($"ablation {settings.Ablation.Name}: {settings.Ablation.Arms.Count} arms × {settings.Ablation.Seeds.Count} seeds = {plan.Cells.Count} cells");
                context.Console.Out.WriteLine($"run folder: {Path.Combine(settings.Ablation.Out, settings.Ablation.Name)}");
                foreach (string line in plan.Describe()) context.Console.Out.WriteLine("  " + line);
                var problems = FinishedGrowth.Problems(settings.Ablation).ToList();
                foreach (string problem in problems) context.Reporter.Warn($"{problem} (the run would be refused)");
                return problems.Count == 0 ? 0 : 2;
            }
            var run = AblationRun.CreateOrContinue(settings);
            var runtime = context.StartTorch(compute);
            using var cancel = new CtrlC();
            var outcome = context.WithProgress(reporter =>
                AblationExecutor.RunLocal(new AblationContext(run, runtime, reporter, context.CommandLine, GitCommit.Describe()), cancel.Token));
            context.Console.Out.WriteLine($"ablate: {outcome.Ran.Count} jobs run, {outcome.Skipped.Count} already done, {outcome.Failed.Count} failed, {outcome.Blocked.Count} blocked");
            foreach (var (id, error) in outcome.Failed) context.Console.Error.WriteLine($"  {id}: {error}");
            if (outcome.Cancelled)
            {
                context.Console.Error.WriteLine("ablate interrupted: finished jobs are kept; run the same command again to continue.");
                return 130;
            }
            var summary = AblationSummary.Compute(run);
            string summaryFile = Path.Combine(run.Path, "summary.csv");
            AblationSummary.WriteCsv(summary, summaryFile);
            context.Console.Out.Write(AblationTables.Gains(summary));
            if (outcome.Complete)
            {
                string folder = context.Parse.GetValue(report) ?? AblationReport.DefaultFolder(run);
                context.WithProgress(reporter => AblationReport.Write(run, summary, folder, reporter));
                context.Console.Out.WriteLine($"run: {run.Path}; summary {summaryFile}; report {Path.GetFullPath(Path.Combine(folder, "report.html"))}");
            }
            else context.Console.Out.WriteLine($"run: {run.Path}; summary {summaryFile} (incomplete; re-run to finish, then: xraysynth report {run.Path})");
            return outcome.Complete ? 0 : 1;
        });
        return command;
    }

    static int SubmitToSlurm(CommandContext context, AblationSettings settings, bool dryRun, IReadOnlyList<string> forward)
    {
        var run = AblationRun.CreateOrContinue(settings);
        string self = SlurmOptions.SelfCommand(settings.Slurm);
        AtomicFile.WriteText(Path.Combine(SlurmScripts.Folder(run), "submit.json"), w => w.Write(System.Text.Json.JsonSerializer.Serialize(new { command = self, forward })));
        var stages = SlurmExecutor.Submit(run, self, forward, dryRun ? null : new SlurmClient());
        if (run.SummarySettingsChanged)
            context.Console.Out.WriteLine($"the summary's bootstrap changed ({settings.Ablation.Bootstrap} resamples, {settings.Ablation.BootstrapMethod.ShortName()}): " +
                                          $"a queued collect job uses it; once every job is done, recompute summary.csv and the report with: xraysynth report {run.Path}");
        if (stages.Count == 0)
        {
            context.Console.Out.WriteLine($"nothing to submit: every job of {run.Path} is done or already queued (xraysynth ablate status {run.Path})");
            return 0;
        }
        foreach (var stage in stages)
        {
            string deps = stage.Stage.DependsOn.Count == 0 ? "" : $" after {string.Join(", ", stage.Stage.DependsOn)}";
            context.Console.Out.WriteLine($"{stage.Stage.Name}: {stage.Stage.Jobs.Count} task{(stage.Stage.Jobs.Count == 1 ? "" : "s")}{deps}" +
                                          (stage.JobId is null ? "" : $" -> slurm job {stage.JobId}"));
            if (dryRun) context.Console.Out.WriteLine("  " + stage.Command);
        }
        context.Console.Out.WriteLine(dryRun
            ? $"dry run: scripts written to {SlurmScripts.Folder(run)}; nothing submitted"
            : $"submitted; watch with: xraysynth ablate status {run.Path}  (resubmit failed cells: --resubmit-failed)");
        return 0;
    }
}
