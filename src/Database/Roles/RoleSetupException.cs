namespace Provisioning.Database.Roles;

/// <summary>
/// Role setup cannot do its part with the administrator it was given; the message names the cause and the statement
/// that fixes it (and never a password). The job prints it and exits without committing anything.
/// </summary>
public sealed class RoleSetupException : InvalidOperationException
{
    public RoleSetupException()
    {
    }

    public RoleSetupException(string message)
        : base(message)
    {
    }

    public RoleSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
