namespace XraySynth.Tests.TestSupport;

/// <summary>
/// Captures text like a <see cref="StringWriter"/> and cancels <paramref name="interrupt"/> as soon as the text holds
/// <paramref name="marker"/>: Ctrl-C pressed at the moment a command prints it (see <c>CliConsole.Capture</c>'s interrupt).
/// </summary>
public sealed class InterruptingWriter(string marker, CancellationTokenSource interrupt) : StringWriter
{
    /// <inheritdoc />
    public override void Write(char value) { base.Write(value); Check(); }

    /// <inheritdoc />
    public override void Write(string? value) { base.Write(value); Check(); }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) { base.Write(buffer, index, count); Check(); }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer) { base.Write(buffer); Check(); }

    /// <inheritdoc />
    public override void WriteLine(string? value) { base.WriteLine(value); Check(); }

    /// <inheritdoc />
    public override void WriteLine(ReadOnlySpan<char> buffer) { base.WriteLine(buffer); Check(); }

    void Check()
    {
        if (!interrupt.IsCancellationRequested && GetStringBuilder().ToString().Contains(marker, StringComparison.Ordinal)) interrupt.Cancel();
    }
}
