using System.Diagnostics;
using Spectre.Console;
using XraySynth.Common;

namespace XraySynth.Cli;

/// <summary>
/// Renders library messages and progress. On a terminal progress is a Spectre.Console bar (see
/// <see cref="CommandContext.WithProgress{T}"/>); elsewhere (CI, pipes, tests) a plain line every 10% or 10 s.
/// </summary>
public sealed class ConsoleReporter(CliConsole console, Verbosity verbosity, ProgressContext? progress = null) : IReporter
{
    /// <inheritdoc />
    public void Info(string message)
    {
        if (verbosity >= Verbosity.Normal) console.Out.WriteLine(message);
    }

    /// <inheritdoc />
    public void Detail(string message)
    {
        if (verbosity >= Verbosity.Verbose) console.Out.WriteLine(message);
    }

    /// <inheritdoc />
    public void Warn(string message)
    {
        // While a progress bar is live, write through Spectre so the warning lands above the bar instead of inside it.
        if (progress is not null) console.Out.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));
        else console.Error.WriteLine("warning: " + message);
    }

    /// <inheritdoc />
    public IProgressTask Start(string description, double total)
    {
        if (verbosity == Verbosity.Quiet) return NullReporter.Instance.Start(description, total);
        if (progress is not null) return new BarTask(progress.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1e-9)));
        return new LineTask(console, description, total);
    }

    sealed class BarTask(ProgressTask task) : IProgressTask
    {
        readonly string description = task.Description;
        public void Advance(double amount = 1) => task.Increment(amount);
        public void Status(string status) => task.Description = $"{description} [grey]{Markup.Escape(status)}[/]";
        public void Dispose() => task.StopTask();
    }

    sealed class LineTask(CliConsole console, string description, double total) : IProgressTask
    {
        readonly Stopwatch clock = Stopwatch.StartNew();
        double done;
        double lastPrintedFraction = -1;
        TimeSpan lastPrinted = TimeSpan.Zero;
        string status = "";

        public void Advance(double amount = 1)
        {
            done += amount;
            double fraction = total > 0 ? Math.Min(1, done / total) : 1;
            // Work done within 2 s prints one line at the end; longer work a line every 10% or 10 s.
            if (clock.Elapsed < TimeSpan.FromSeconds(2) && fraction < 1) return;
            if (fraction - lastPrintedFraction >= 0.1 || clock.Elapsed - lastPrinted >= TimeSpan.FromSeconds(10) || fraction >= 1 && lastPrintedFraction < 1)
                Print(fraction);
        }

        public void Status(string text) => status = text;

        public void Dispose()
        {
            if (lastPrintedFraction < 1 && done > 0) Print(total > 0 ? Math.Min(1, done / total) : 1);
        }

        void Print(double fraction)
        {
            lastPrintedFraction = fraction;
            lastPrinted = clock.Elapsed;
            string tail = status.Length > 0 ? "  " + status : "";
            console.Out.WriteLine(FormattableString.Invariant($"{description}: {fraction * 100,3:0}% ({done:0.##}/{total:0.##}, {clock.Elapsed.TotalSeconds:0.0}s){tail}"));
        }
    }
}
