using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using XraySynth.Gan.Sharing;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan info NAME.xsgan</c>: what a bundle holds (after verifying it) and its model card.</summary>
public static class GanInfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var bundle = new Argument<string>("bundle") { Description = "the bundle file (NAME.xsgan)" };
        var command = new Command("info", "Show a GAN bundle's generator, labels, entries with their SHA-256, and its model card (the bundle is verified first)");
        command.Arguments.Add(bundle);
        CommandRunner.SetAction(command, console, global, context =>
        {
            var opened = GanBundle.Open(context.Parse.GetValue(bundle)!, BundleLimits.Default);
            var c = opened.Config;
            var output = context.Console.Out;
            output.WriteLine($"bundle:     {opened.Path}");
            output.WriteLine($"sha256:     {opened.FileSha256}");
            output.WriteLine($"generator:  {c.Kind.ToString().ToLowerInvariant()}, {c.SampleResolution} px" +
                (c.Alpha < 1 ? $" (fade-in alpha {c.Alpha.ToString("0.###", CultureInfo.InvariantCulture)})" : "") +
                $", latent {c.LatentSize}, {c.Kimg.ToString("0.###", CultureInfo.InvariantCulture)} kimg, run {c.Run}");
            output.WriteLine($"labels:     {string.Join(", ", c.Labels)}");
            output.WriteLine($"data:       {c.TrainingData}: {c.TrainingDataLicense}");
            output.WriteLine("entries (all hashes verified):");
            foreach (var entry in opened.Entries) output.WriteLine($"  {entry.Path,-24} {entry.Bytes,12} bytes  {entry.Sha256}");
            output.WriteLine();
            output.Write(opened.Card);
            return 0;
        });
        return command;
    }
}
