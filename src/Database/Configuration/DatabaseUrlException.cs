namespace Provisioning.Database.Configuration;

/// <summary>
/// DATABASE_URL is missing or malformed. <see cref="Exception.Message"/> is one line that names the variable, the
/// expected form and the fix, and never contains the value (it may hold a password).
/// </summary>
public sealed class DatabaseUrlException : FormatException
{
    public DatabaseUrlException()
    {
    }

    public DatabaseUrlException(string message)
        : base(message)
    {
    }

    public DatabaseUrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
