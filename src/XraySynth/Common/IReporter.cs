namespace XraySynth.Common;

/// <summary>
/// Where library code sends messages and progress. The CLI renders it with Spectre.Console (progress bars
/// on a terminal, plain lines in CI logs); tests pass <see cref="NullReporter"/> or a recording one.
/// </summary>
public interface IReporter
{
    /// <summary>A normal message (hidden by --quiet).</summary>
    void Info(string message);

    /// <summary>A detail shown only with --verbose.</summary>
    void Detail(string message);

    /// <summary>A warning (always shown).</summary>
    void Warn(string message);

    /// <summary>Starts a progress task of <paramref name="total"/> units (e.g. images, kimg).</summary>
    IProgressTask Start(string description, double total);
}

/// <summary>One long piece of work whose progress is shown.</summary>
public interface IProgressTask : IDisposable
{
    /// <summary>Moves the task forward by <paramref name="amount"/> units.</summary>
    void Advance(double amount = 1);

    /// <summary>Replaces the status text shown beside the bar (losses, img/s, ...).</summary>
    void Status(string status);
}

/// <summary>Discards everything: for tests and library callers that want silence.</summary>
public sealed class NullReporter : IReporter
{
    /// <summary>A shared instance (it holds no state).</summary>
    public static NullReporter Instance { get; } = new();

    /// <inheritdoc />
    public void Info(string message) { }

    /// <inheritdoc />
    public void Detail(string message) { }

    /// <inheritdoc />
    public void Warn(string message) { }

    /// <inheritdoc />
    public IProgressTask Start(string description, double total) => new NullTask();

    sealed class NullTask : IProgressTask
    {
        public void Advance(double amount = 1) { }
        public void Status(string status) { }
        public void Dispose() { }
    }
}
