using System.CommandLine;

namespace XraySynth.Cli.Commands.Classify;

/// <summary><c>xraysynth classify ...</c>: train, evaluate, compare and explain multi-label classifiers.</summary>
public static class ClassifyCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var classify = new Command("classify", "Train multi-label chest X-ray classifiers and measure, per disease, what synthetic data gained");
        classify.Subcommands.Add(ClassifyTrainCommand.Create(console, global));
        classify.Subcommands.Add(ClassifyEvalCommand.Create(console, global));
        classify.Subcommands.Add(ClassifyExplainCommand.Create(console, global));
        return classify;
    }
}
