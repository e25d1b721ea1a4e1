using XraySynth.Common;

namespace XraySynth.Tests.TestSupport;

/// <summary>Records every progress step of a reporter's tasks: units done, the total, and the status shown at that moment.</summary>
public sealed class ProgressRecorder : IReporter
{
    /// <summary>One entry per <see cref="IProgressTask.Advance"/>, in order, with the task's description.</summary>
    public List<(string Task, double Done, double Total, string Status)> Steps { get; } = [];

    /// <summary>The steps of the tasks started with <paramref name="description"/>.</summary>
    public List<(string Task, double Done, double Total, string Status)> Of(string description) => Steps.Where(s => s.Task == description).ToList();

    /// <inheritdoc />
    public void Info(string message) { }

    /// <inheritdoc />
    public void Detail(string message) { }

    /// <inheritdoc />
    public void Warn(string message) { }

    /// <inheritdoc />
    public IProgressTask Start(string description, double total) => new Task(this, description, total);

    sealed class Task(ProgressRecorder owner, string description, double total) : IProgressTask
    {
        double done;
        string status = "";

        public void Advance(double amount = 1)
        {
            done += amount;
            owner.Steps.Add((description, done, total, status));
        }

        public void Status(string text) => status = text;

        public void Dispose() { }
    }
}
