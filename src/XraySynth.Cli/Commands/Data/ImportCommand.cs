using System.CommandLine;
using XraySynth.Common;
using XraySynth.Data.Import;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data import KIND --source DIR --out DIR</c>: turns data as downloaded into a dataset folder.</summary>
public static class ImportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var kind = new Argument<string>("kind")
        {
            Description = "what the source is: " + string.Join("; ", Importers.All.Select(i => $"{i.Kind} = {i.Description}")),
        };
        kind.AcceptOnlyFromAmong(Importers.All.Select(i => i.Kind).ToArray());
        var source = new Option<string>("--source") { Description = "the data as downloaded: a folder (nih, folders) or an .npz or its folder (medmnist)", Required = true };
        var output = new Option<string>("--out") { Description = "the dataset folder to create (must not exist or be empty)", Required = true };
        var strict = new Option<bool>("--strict") { Description = "fail when the label file lists images that are not on disk (default: warn and import the present ones)" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "skip bad rows and images, listing them in OUT/import-report.csv (default: stop with every problem listed)" };
        var verify = new Option<bool>("--verify-images") { Description = "decode every image fully (default: check header and end marker only)" };
        var seed = new Option<long>("--seed") { Description = "seed of the patient shuffles (val carving, splits where the source has none)", DefaultValueFactory = _ => 0 };
        var valFraction = new Option<double>("--val-fraction") { Description = "nih: fraction of the official train_val patients moved to val", DefaultValueFactory = _ => 0.1 };
        var flavor = new Option<string?>("--flavor") { Description = "medmnist: chest or pneumonia [default: from the label width]" };
        flavor.AcceptOnlyFromAmong(MedMnistImporter.Flavors.Keys.ToArray());

        var command = new Command("import", "Import NIH ChestX-ray14, MedMNIST or class folders as a dataset folder (manifest.csv, boxes.csv, dataset.json)");
        command.Arguments.Add(kind);
        foreach (Option option in new Option[] { source, output, strict, skipBad, verify, seed, valFraction, flavor }) command.Options.Add(option);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var parse = context.Parse;
            var options = new ImportOptions
            {
                Source = parse.GetValue(source)!, Output = parse.GetValue(output)!, Strict = parse.GetValue(strict), SkipBad = parse.GetValue(skipBad),
                VerifyImages = parse.GetValue(verify), Seed = parse.GetValue(seed), ValFraction = parse.GetValue(valFraction), Flavor = parse.GetValue(flavor),
                CreatedBy = context.CommandLine,
            };
            IDatasetImporter importer = Importers.Get(parse.GetValue(kind)!);
            context.WithProgress(reporter => importer.Import(options, reporter));
            return 0;
        });
        return command;
    }
}
