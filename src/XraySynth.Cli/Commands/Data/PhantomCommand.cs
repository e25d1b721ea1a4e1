using System.CommandLine;
using XraySynth.Data.Phantom;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data phantom</c>: writes the procedural phantom dataset (no download needed).</summary>
public static class PhantomCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var count = new Option<int?>("--count") { Description = "number of images [default: 1000]" };
        var size = new Option<int?>("--size") { Description = "width and height in pixels, a power of two from 32 to 1024 [default: 128]" };
        var seed = new Option<long?>("--seed") { Description = "seed; the same seed gives byte-identical images and CSVs [default: 0]" };
        var threads = new Option<int?>("--threads") { Description = "worker threads; the output does not depend on it [default: one per core]" };
        var output = new Option<string>("--out") { Description = "dataset folder to create (must be empty unless --force)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace the dataset files in a non-empty folder" };
        var command = new Command("phantom", "Generate a procedural chest X-ray phantom dataset with NIH-named findings, boxes and patient splits");
        foreach (Option option in new Option[] { count, size, seed, threads, output, force }) command.Options.Add(option);

        CommandRunner.SetAction(command, console, global, context =>
        {
            var config = context.Section<PhantomConfig>(PhantomConfig.Section);
            var parse = context.Parse;
            if (parse.GetValue(count) is { } c) config = config with { Count = c };
            if (parse.GetValue(size) is { } s) config = config with { Size = s };
            if (parse.GetValue(seed) is { } k) config = config with { Seed = k };
            if (parse.GetValue(threads) is { } t) config = config with { Threads = t };
            string createdBy = context.CommandLine;
            context.WithProgress(reporter =>
                PhantomGenerator.Generate(config, parse.GetValue(output)!, createdBy, parse.GetValue(force), reporter));
            return 0;
        });
        return command;
    }

}
