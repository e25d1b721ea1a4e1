namespace XraySynth.Common;

/// <summary>
/// A mistake in what the user asked for (bad flag, bad file, missing library): shown as one clean
/// message with an exit code, never a stack trace. Bugs use ordinary exceptions and keep theirs.
/// </summary>
public class UserError : Exception
{
    /// <summary>Process exit code the CLI returns for this error (2 = usage or input error).</summary>
    public int ExitCode { get; }

    /// <summary>Creates a user error with a message that says what was wrong and what was expected.</summary>
    public UserError(string message, int exitCode = 2) : base(message) => ExitCode = exitCode;

    /// <summary>Creates a user error wrapping the low-level exception that revealed it.</summary>
    public UserError(string message, Exception inner, int exitCode = 2) : base(message, inner) => ExitCode = exitCode;
}
