using System.CommandLine;

namespace XraySynth.Cli.Commands.Eval;

/// <summary><c>xraysynth eval ...</c>: how good synthetic images are, and whether the GAN memorized patients.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var eval = new Command("eval", "Audit synthetic images: quality (FID, KID, precision/recall, density/coverage, label fidelity) and memorization");
        eval.Subcommands.Add(EvalSyntheticCommand.Create(console, global));
        eval.Subcommands.Add(EvalMemorizationCommand.Create(console, global));
        return eval;
    }

    /// <summary>The --features option shared by both subcommands.</summary>
    public static Option<string> FeaturesOption() => new("--features")
    {
        Description = "feature space: pixels or pixels-N (raw pixels at N px), a classifier run folder (its penultimate layer), or a model.onnx file",
        DefaultValueFactory = _ => "pixels",
    };

    /// <summary>The default output folder: reports/&lt;kind&gt;-&lt;synthetic folder name&gt;.</summary>
    public static string DefaultOut(string kind, string synthetic) =>
        Path.Combine("reports", $"{kind}-{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(synthetic)))}");
}
