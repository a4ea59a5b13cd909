namespace Provisioning.Cli;

/// <summary>Process exit codes shared by every command (documented in the README).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>A check or verification ran and found a problem.</summary>
    public const int CheckFailed = 1;
    /// <summary>The input (configuration, arguments, environment variables) is invalid; nothing was done.</summary>
    public const int InvalidInput = 2;
    /// <summary>A check found a security problem (for example a forged token was accepted).</summary>
    public const int SecurityFailure = 3;
}
