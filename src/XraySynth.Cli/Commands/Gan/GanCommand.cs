using System.CommandLine;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan ...</c>: train GANs and sample synthetic images from them.</summary>
public static class GanCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var gan = new Command("gan", "Train conditional PGGAN/DCGAN generators, resume them, sample synthetic datasets, and share them as verified bundles");
        gan.Subcommands.Add(GanTrainCommand.Create(console, global));
        gan.Subcommands.Add(GanSampleCommand.Create(console, global));
        gan.Subcommands.Add(GanExportCommand.Create(console, global));
        gan.Subcommands.Add(GanVerifyCommand.Create(console, global));
        gan.Subcommands.Add(GanInfoCommand.Create(console, global));
        return gan;
    }
}
