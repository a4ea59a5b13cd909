namespace Provisioning.Secrets;

/// <summary>
/// `secrets init` could not find or reach the vault, or Azure refused a call. The message names what was asked, what
/// failed and the fix; it never holds a secret value (ARM's error bodies for these calls carry none).
/// </summary>
public sealed class SecretsInitException : Exception
{
    public SecretsInitException()
    {
    }

    public SecretsInitException(string message) : base(message)
    {
    }

    public SecretsInitException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
