using XraySynth.Common;

namespace XraySynth.Tests.Data.Import;

/// <summary>Keeps the warnings and messages an importer sends.</summary>
public sealed class RecordingReporter : IReporter
{
    /// <summary>Warnings in order.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Info lines in order.</summary>
    public List<string> Infos { get; } = [];

    /// <inheritdoc />
    public void Info(string message) => Infos.Add(message);

    /// <inheritdoc />
    public void Detail(string message) { }

    /// <inheritdoc />
    public void Warn(string message) => Warnings.Add(message);

    /// <inheritdoc />
    public IProgressTask Start(string description, double total) => NullReporter.Instance.Start(description, total);
}
