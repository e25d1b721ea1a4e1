using System.Runtime.InteropServices;

namespace XraySynth.Cli;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM into a cancellation token, so long commands save a snapshot and exit cleanly instead
/// of dying mid-write. SIGTERM is what a cluster scheduler (or the ablation's Slurm task script, on its time-limit warning)
/// sends before killing a job. Disposing restores the default behaviour.
/// </summary>
public sealed class CtrlC : IDisposable
{
    readonly CancellationTokenSource source;
    readonly ConsoleCancelEventHandler handler;
    readonly PosixSignalRegistration? terminate;

    /// <summary>Cancelled on the first Ctrl-C or SIGTERM.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>Starts listening.</summary>
    /// <param name="interrupt">Also cancelled by this token (<see cref="CliConsole.Interrupt"/>: tests interrupt a command with it).</param>
    public CtrlC(CancellationToken interrupt = default)
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        handler = (_, e) => { e.Cancel = true; source.Cancel(); };
        Console.CancelKeyPress += handler;
        if (!OperatingSystem.IsWindows())
            terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true; // keep running until the work has stopped at a safe point
                source.Cancel();
            });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= handler;
        terminate?.Dispose();
        source.Dispose();
    }
}
