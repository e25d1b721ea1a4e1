using System.CommandLine;
using System.Globalization;
using XraySynth.Common;
using XraySynth.Data.Splitting;

namespace XraySynth.Cli.Commands.Data;

/// <summary>
/// <c>xraysynth data split DATASET [--out DIR] [--fractions 0.7,0.1,0.2] [--seed K] [--keep-test]</c>:
/// patient-disjoint iterative stratification; writes the dataset with its new splits.
/// </summary>
public static class SplitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var dataset = new Argument<string>("DATASET") { Description = "dataset folder (holding manifest.csv and dataset.json)" };
        var output = new Option<string?>("--out") { Description = "write the re-split dataset here (image paths are rewritten to reach the files) [default: in place]" };
        var fractions = new Option<string?>("--fractions") { Description = "train,val,test fractions of the images, adding up to 1 [default: 0.7,0.1,0.2]" };
        var seed = new Option<long?>("--seed") { Description = "seed of patient order and ties; the same seed gives the same split [default: 0]" };
        var keepTest = new Option<bool>("--keep-test", "--keep-official")
        {
            Description = "keep the current test rows (an official split, e.g. NIH's test_list.txt, as imported) and re-split only the rest into train/val in the ratio train:val",
        };
        var command = new Command("split", "Split a dataset into train/val/test by patient, stratified so every label is spread over every split (Sechidis et al. 2011); synthetic images stay in train");
        command.Arguments.Add(dataset);
        command.Options.Add(output);
        command.Options.Add(fractions);
        command.Options.Add(seed);
        command.Options.Add(keepTest);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var config = context.Section<SplitConfig>(SplitConfig.Section);
            if (context.Parse.GetValue(fractions) is { } text) config = WithFractions(config, text);
            if (context.Parse.GetValue(seed) is { } s) config = config with { Seed = s };
            if (context.Parse.GetValue(keepTest)) config = config with { KeepTest = true };
            var result = DatasetSplitter.SplitFolder(context.Parse.GetValue(dataset)!, context.Parse.GetValue(output), config, context.Reporter);
            if (context.Verbosity != Verbosity.Quiet)
            {
                context.Console.Out.Write(StatsTables.Splits(result.Stats));
                context.Console.Out.Write(StatsTables.Labels(result.Stats));
            }
            return 0;
        });
        return command;
    }

    /// <summary>Parses "0.7,0.1,0.2" into the config's fractions.</summary>
    static SplitConfig WithFractions(SplitConfig config, string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new UserError($"--fractions '{text}': '{parts[i]}' is not a number; expected train,val,test such as 0.7,0.1,0.2");
        if (values.Length != 3) throw new UserError($"--fractions '{text}': expected three numbers train,val,test such as 0.7,0.1,0.2");
        return config with { Train = values[0], Val = values[1], Test = values[2] };
    }
}
