using System.CommandLine;
using XraySynth.Common;

namespace XraySynth.Cli;

/// <summary>Runs a command's action: user mistakes become one "error:" line and an exit code; bugs keep their stack trace.</summary>
public static class CommandRunner
{
    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="action"/>, wrapped in the error policy.</summary>
    public static void SetAction(Command command, CliConsole console, GlobalOptions global, Func<CommandContext, int> action) =>
        command.SetAction(parse => Run(() => action(new CommandContext(parse, console, global)), console));

    /// <summary>Runs <paramref name="action"/>, mapping <see cref="UserError"/> to its exit code.</summary>
    public static int Run(Func<int> action, CliConsole console)
    {
        try
        {
            return action();
        }
        catch (UserError e)
        {
            console.Error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled.");
            return 130;
        }
    }
}
