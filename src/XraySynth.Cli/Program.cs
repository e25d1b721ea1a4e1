using XraySynth.Cli;

return CliApp.Run(args, CliConsole.System());
