using System.CommandLine;
using Spectre.Console;
using XraySynth.Experiments.Ablation;

namespace XraySynth.Cli.Commands;

/// <summary><c>xraysynth report RUN</c>: the paper report of an ablation run (Markdown, self-contained HTML, PNG/SVG figures, CSV/LaTeX tables).</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var runArgument = new Argument<string>("RUN") { Description = "the ablation run folder (OUT/NAME)" };
        var output = new Option<string?>("--out") { Description = "report folder [default: reports/NAME]" };
        var command = new Command("report", "Write the report of an ablation run: report.md, self-contained report.html, figures (PNG + SVG), tables (CSV + LaTeX)");
        command.Arguments.Add(runArgument);
        command.Options.Add(output);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var run = AblationRun.Open(context.Parse.GetValue(runArgument)!);
            string folder = context.Parse.GetValue(output) ?? AblationReport.DefaultFolder(run);
            var summary = AblationSummary.Compute(run);
            AblationSummary.WriteCsv(summary, Path.Combine(run.Path, "summary.csv"));
            var files = context.WithProgress(reporter => AblationReport.Write(run, summary, folder, reporter));
            context.Console.Out.Write(Ablate.AblationTables.Gains(summary));
            context.Console.Out.WriteLine($"report: {Path.GetFullPath(Path.Combine(folder, "report.html"))} ({files.Count} files; report.md, figures/, tables/)");
            return 0;
        });
        return command;
    }
}
