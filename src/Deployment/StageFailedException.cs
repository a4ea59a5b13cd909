namespace Provisioning.Deployment;

/// <summary>
/// A stage could not make its guarantee true. The message says what failed and how to fix it; the exit code is the
/// one the command ends with (2 missing input, 1 a failed step, 3 a security failure).
/// </summary>
public sealed class StageFailedException : Exception
{
    public StageFailedException(int exitCode, string message) : base(message) => ExitCode = exitCode;

    public StageFailedException() : this(1, "the stage failed") { }

    public StageFailedException(string message) : this(1, message) { }

    public StageFailedException(string message, Exception innerException) : base(message, innerException) => ExitCode = 1;

    public int ExitCode { get; }
}
