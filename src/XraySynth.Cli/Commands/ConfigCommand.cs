using System.CommandLine;
using Spectre.Console;
using XraySynth.Experiments;

namespace XraySynth.Cli.Commands;

/// <summary><c>xraysynth config defaults|check</c>: every config section with its defaults; validate a file.</summary>
public static class ConfigCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliConsole console, GlobalOptions global)
    {
        var config = new Command("config", "Show every config section with its documented defaults, or check a config file");

        var output = new Option<string?>("--out") { Description = "write to this file instead of the console" };
        var defaults = new Command("defaults", "Print every section with its defaults as YAML (configs/default.yaml is this output)");
        defaults.Options.Add(output);
        CommandRunner.SetAction(defaults, console, global, context =>
        {
            string yaml = ConfigSections.DefaultsYaml();
            if (context.Parse.GetValue(output) is { } path) Common.AtomicFile.WriteText(path, w => w.Write(yaml));
            else context.Console.Out.Profile.Out.Writer.Write(yaml);
            return 0;
        });
        config.Subcommands.Add(defaults);

        var file = new Argument<string>("FILE") { Description = "config file to check" };
        var check = new Command("check", "Check every section and key of a config file; every problem with file, line and key");
        check.Arguments.Add(file);
        CommandRunner.SetAction(check, console, global, context =>
        {
            string path = context.Parse.GetValue(file)!;
            ConfigSections.Validate(path);
            context.Console.Out.WriteLine($"{path}: ok");
            return 0;
        });
        config.Subcommands.Add(check);
        return config;
    }
}
