using Spectre.Console;

namespace XraySynth.Cli;

/// <summary>The terminal a command writes to: standard output and error, or captured writers in tests.</summary>
public sealed class CliConsole
{
    /// <summary>Rich output (tables, progress) to standard output.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Errors and warnings.</summary>
    public TextWriter Error { get; }

    /// <summary>True when standard output is a terminal (progress bars); false in CI logs and tests (plain lines).</summary>
    public bool Interactive { get; }

    /// <summary>A second Ctrl-C besides the process's own: cancelling it interrupts a long command the way Ctrl-C does (tests).</summary>
    public CancellationToken Interrupt { get; }

    CliConsole(IAnsiConsole output, TextWriter error, bool interactive, CancellationToken interrupt = default)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Interrupt = interrupt;
    }

    /// <summary>The process's console.</summary>
    public static CliConsole System()
    {
        bool interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        var output = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!interactive) output.Profile.Width = 200; // logs and pipes: no wrapping of long paths in tables
        return new CliConsole(output, Console.Error, interactive);
    }

    /// <summary>A console writing plain text to <paramref name="output"/> and <paramref name="error"/> (tests).</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Errors and warnings.</param>
    /// <param name="interrupt">Cancelled to interrupt the command as Ctrl-C would (see <see cref="Interrupt"/>).</param>
    public static CliConsole Capture(TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        return new CliConsole(console, error, false, interrupt);
    }
}
