namespace Provisioning.Secrets.Rotation;

/// <summary>A rotation cannot start or go on; the message names the secret or step and the fix.</summary>
public sealed class RotationException(string message) : Exception(message);
