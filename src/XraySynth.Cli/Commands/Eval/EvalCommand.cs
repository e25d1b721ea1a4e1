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

    /// <summary>The --force option shared by both subcommands.</summary>
    public static Option<bool> ForceOption() => new("--force") { Description = "replace the files of a non-empty output folder" };

    /// <summary>
    /// The default output folder: reports/&lt;kind&gt;-&lt;synthetic folder name&gt;-&lt;feature space&gt;, the feature space being
    /// pixels, pixels-N, the classifier run's folder name or the ONNX file's name, so that audits in different feature spaces
    /// land in different folders.
    /// </summary>
    public static string DefaultOut(string kind, string synthetic, string features) =>
        Path.Combine("reports", $"{kind}-{LastName(synthetic)}-{FeatureName(features)}");

    /// <summary>The feature space as a folder name part: pixels, pixels-N, a run folder's name, an ONNX file's name without extension.</summary>
    public static string FeatureName(string features)
    {
        ArgumentNullException.ThrowIfNull(features);
        string name = features.StartsWith("pixels", StringComparison.Ordinal) ? features
            : features.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(features)
            : LastName(features);
        return new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
    }

    /// <summary>Refuses a non-empty <paramref name="folder"/> unless <paramref name="force"/>, like <c>gan sample</c> and <c>balance</c>.</summary>
    /// <exception cref="Common.UserError">The folder holds files and <paramref name="force"/> is false.</exception>
    public static void EnsureWritable(string folder, bool force)
    {
        if (!force && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new Common.UserError($"--out {folder} is not empty (use --force to replace its files, or choose another --out)");
    }

    static string LastName(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
}
