using System.CommandLine;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan ...</c>: train GANs and sample synthetic images from them.</summary>
public static class GanCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var gan = new Command("gan", "Train conditional PGGAN/DCGAN generators, resume them, and sample synthetic datasets");
        gan.Subcommands.Add(GanTrainCommand.Create(console, global));
        gan.Subcommands.Add(GanSampleCommand.Create(console, global));
        return gan;
    }
}
