using Microsoft.Extensions.Logging;

namespace XraySynth.Web;

/// <summary>Logs warnings and errors (with exceptions) as lines on a writer (the command's standard error).</summary>
/// <param name="writer">Where lines go.</param>
public sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    readonly Lock gate = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() { }

    void Write(string line)
    {
        lock (gate) writer.WriteLine(line);
    }

    sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            provider.Write($"{logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
