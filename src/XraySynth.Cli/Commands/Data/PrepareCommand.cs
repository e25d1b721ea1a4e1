using System.CommandLine;
using System.Globalization;
using XraySynth.Data;
using XraySynth.Data.Cache;

namespace XraySynth.Cli.Commands.Data;

/// <summary><c>xraysynth data prepare DATASET --size S</c>: decode and resize every image once into DATASET/cache/S/.</summary>
public static class PrepareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var dataset = new Argument<string>("DATASET") { Description = "dataset folder (holding dataset.json and manifest.csv)" };
        var size = new Option<int?>("--size") { Description = "side of the square cached images in pixels, e.g. 64, 128, 256 [default: 128]" };
        var workers = new Option<int?>("--workers") { Description = "images decoded in parallel [default: one per logical processor]" };
        var force = new Option<bool>("--force") { Description = "rebuild even when the cache is up to date" };
        var command = new Command("prepare",
            "Decode, pad to square and area-resize every image once into a packed uint8 cache (DATASET/cache/SIZE/) for training");
        command.Arguments.Add(dataset);
        command.Options.Add(size);
        command.Options.Add(workers);
        command.Options.Add(force);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var config = context.Section<PrepareConfig>(PrepareConfig.Section);
            if (context.Parse.GetValue(size) is { } s) config = config with { Size = s };
            if (context.Parse.GetValue(workers) is { } w) config = config with { Workers = w };
            if (context.Parse.GetValue(force)) config = config with { Force = true };
            Dataset loaded = Dataset.Load(context.Parse.GetValue(dataset)!);
            PrepareResult result = context.WithProgress(reporter => CachePreparer.Prepare(loaded, config, reporter));
            context.Reporter.Info(Describe(result));
            return 0;
        });
        return command;
    }

    /// <summary>One line saying what was done.</summary>
    public static string Describe(PrepareResult result)
    {
        long bytes = (long)result.Count * result.Folder.Size * result.Folder.Size;
        return result.Rebuilt
            ? string.Create(CultureInfo.InvariantCulture,
                $"prepared {result.Count} images at {result.Folder.Size} px in {result.Elapsed.TotalSeconds:0.0} s ({result.ImagesPerSecond:0} img/s): {result.Folder.Path} ({bytes / 1048576.0:0.0} MiB)")
            : $"cache up to date: {result.Folder.Path} ({result.Count} images at {result.Folder.Size} px; --force rebuilds it)";
    }
}
