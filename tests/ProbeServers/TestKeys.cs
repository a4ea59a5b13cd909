using System.Security.Cryptography;

namespace Provisioning.ProbeServers;

/// <summary>Fresh per-process secrets for the local stack; nothing here is a real environment's key.</summary>
public static class TestKeys
{
    public static string NewJwtSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
