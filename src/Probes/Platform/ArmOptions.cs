using Azure.Core;
using Azure.ResourceManager;

namespace Provisioning.Probes.Platform;

/// <summary>How the probe talks to Azure Resource Manager: bounded retries that honour Retry-After.</summary>
public static class ArmOptions
{
    /// <summary>
    /// ARM throttles per identity and answers 429 with Retry-After; Azure.Core's retry policy waits that long and
    /// retries. The check's timeout cancels the wait, so a long Retry-After ends as a timeout, not a hang.
    /// </summary>
    public static ArmClientOptions Create(ArmEnvironment? environment = null)
    {
        var options = new ArmClientOptions();
        if (environment is { } custom)
        {
            options.Environment = custom;
        }
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(0.5);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        // The SDK's default logging would write request URLs and headers into the host's logs.
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        return options;
    }
}
