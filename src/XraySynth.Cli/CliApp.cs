using System.CommandLine;
using XraySynth.Cli.Commands;
using XraySynth.Cli.Commands.Ablate;
using XraySynth.Cli.Commands.Balance;
using XraySynth.Cli.Commands.Classify;
using XraySynth.Cli.Commands.Detect;
using XraySynth.Cli.Commands.Data;
using XraySynth.Cli.Commands.Eval;
using XraySynth.Cli.Commands.Gan;
using XraySynth.Cli.Commands.Serve;

namespace XraySynth.Cli;

/// <summary>The <c>xraysynth</c> command tree.</summary>
public static class CliApp
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build(CliConsole console)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("XraySynth: synthetic chest X-rays for rare labels, class balancing, and what they gain per disease");
        global.AddTo(root);
        root.Subcommands.Add(DoctorCommand.Create(console, global));
        root.Subcommands.Add(QuickstartCommand.Create(console, global));
        root.Subcommands.Add(ConfigCommand.Create(console, global));
        root.Subcommands.Add(DataCommand.Create(console, global));
        root.Subcommands.Add(GanCommand.Create(console, global));
        root.Subcommands.Add(BalanceCommand.Create(console, global));
        root.Subcommands.Add(ClassifyCommand.Create(console, global));
        root.Subcommands.Add(AblateCommand.Create(console, global));
        root.Subcommands.Add(ReportCommand.Create(console, global));
        root.Subcommands.Add(EvalCommand.Create(console, global));
        root.Subcommands.Add(DetectCommand.Create(console, global));
        root.Subcommands.Add(BenchCommand.Create(console, global));
        root.Subcommands.Add(ServeCommand.Create(console, global));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration
        {
            Output = new SpectreWriter(console),
            Error = console.Error,
        });
    }

    /// <summary>Routes System.CommandLine's help text through the console's output.</summary>
    sealed class SpectreWriter(CliConsole console) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char value) => console.Out.Profile.Out.Writer.Write(value);
        public override void Write(string? value) => console.Out.Profile.Out.Writer.Write(value);
        public override void WriteLine(string? value) => console.Out.Profile.Out.Writer.WriteLine(value);
    }
}
