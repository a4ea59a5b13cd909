using Microsoft.Extensions.Hosting;

namespace Provisioning.HealthProbe;

/// <summary>The Function's host as Program.cs runs it; the telemetry tests build the same one (without starting its gRPC link to the Functions host).</summary>
public static class HealthProbeHost
{
    /// <summary>
    /// Reads the settings through <paramref name="lookup"/> (the process environment in Azure, where app settings
    /// are environment variables) and fails with one message listing every problem before anything is built.
    /// </summary>
    public static IHostBuilder CreateBuilder(Func<string, string?> lookup)
    {
        var settings = HostSettings.Read(lookup);
        var platform = Probes.Platform.PlatformSettings.Read(lookup);
        return new HostBuilder()
            .ConfigureFunctionsWorkerDefaults()
            .ConfigureServices(services => services.AddHealthProbe(settings, platform));
    }
}
