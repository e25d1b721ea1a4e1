using System.CommandLine;

namespace XraySynth.Cli.Commands.Detect;

/// <summary><c>xraysynth detect ...</c>: train, evaluate and run lesion detectors.</summary>
public static class DetectCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var detect = new Command("detect", "Train lesion detectors (boxes per finding) and measure AP and FROC, per class, with and without synthetic data");
        detect.Subcommands.Add(DetectTrainCommand.Create(console, global));
        detect.Subcommands.Add(DetectEvalCommand.Create(console, global));
        detect.Subcommands.Add(DetectPredictCommand.Create(console, global));
        detect.Subcommands.Add(DetectBlendCommand.Create(console, global));
        detect.Subcommands.Add(DetectCropsCommand.Create(console, global));
        return detect;
    }
}
