using System.CommandLine;
using Spectre.Console;
using XraySynth.Gan.Sharing;

namespace XraySynth.Cli.Commands.Gan;

/// <summary><c>xraysynth gan verify NAME.xsgan</c>: checks every entry's hash, the names, sizes, config and tensor shapes.</summary>
public static class GanVerifyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var compute = new ComputeOptions();
        var bundle = new Argument<string>("bundle") { Description = "the bundle file (NAME.xsgan)" };
        var command = new Command("verify", "Check a GAN bundle without running anything from it: entry names and sizes, every SHA-256, config, tensor dtypes and shapes");
        command.Arguments.Add(bundle);
        compute.AddTo(command);
        CommandRunner.SetAction(command, console, global, context =>
        {
            context.StartTorch(compute);
            var opened = GanBundle.Verify(context.Parse.GetValue(bundle)!);
            context.Console.Out.WriteLine($"ok: {opened.Path}: {opened.Entries.Count} entries match their SHA-256, {opened.Tensors.Count} tensors fit the " +
                $"{opened.Config.Kind.ToString().ToLowerInvariant()} config (bundle sha256 {opened.FileSha256})");
            return 0;
        });
        return command;
    }
}
