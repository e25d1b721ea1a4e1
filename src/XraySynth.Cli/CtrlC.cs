namespace XraySynth.Cli;

/// <summary>Turns Ctrl-C into a cancellation (long jobs then save a snapshot and exit) for as long as it is alive.</summary>
public sealed class CtrlC : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly ConsoleCancelEventHandler handler;

    /// <summary>Cancelled when the user presses Ctrl-C.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Starts listening for Ctrl-C.</summary>
    public CtrlC()
    {
        handler = (_, e) => { e.Cancel = true; source.Cancel(); };
        Console.CancelKeyPress += handler;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= handler;
        source.Dispose();
    }
}
