using System.CommandLine;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data ...</c>: the dataset stage (phantom, import, prepare, split, check, stats).</summary>
public static class DataCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var data = new Command("data", "Create, import, prepare, split, check and describe datasets");
        // Each subcommand lives in its own file in this folder.
        data.Subcommands.Add(PhantomCommand.Create(console, global));
        data.Subcommands.Add(ImportCommand.Create(console, global));
        data.Subcommands.Add(PrepareCommand.Create(console, global));
        data.Subcommands.Add(SplitCommand.Create(console, global));
        data.Subcommands.Add(CheckCommand.Create(console, global));
        data.Subcommands.Add(StatsCommand.Create(console, global));
        return data;
    }
}
