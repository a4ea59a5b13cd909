using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Azure.Identity;
using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.HealthProbe;

/// <summary>
/// Every service the Function registers, in one place, so the tests build exactly what Program.cs runs: the alerts
/// depend on what this composition does to each telemetry item (the Functions worker's initializers rewrite the
/// role name), which a hand-made TelemetryConfiguration in a test would never show.
/// </summary>
public static class HealthProbeServices
{
    /// <summary>The Application Insights logger provider's default Warning-and-above rule (removed below).</summary>
    internal const string ApplicationInsightsLoggerProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <param name="platform">When set (in Azure: the deployment gives the probe app all platform settings), the
    /// platform checks run after the standard ones, signed in to ARM as the probe's managed identity.</param>
    public static IServiceCollection AddHealthProbe(this IServiceCollection services, ProbeSettings settings, PlatformSettings? platform = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);

        // Sampling could drop availability results and make a healthy environment look silent to the alerts;
        // the probe sends a handful of items a minute, so keep them all.
        services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false);
        // Registers FunctionsRoleEnvironmentTelemetryInitializer: it sets Cloud.RoleName on every item from
        // WEBSITE_CLOUD_ROLENAME (else the site name), which is why the probe app sets that app setting.
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton(settings);
        services.AddSingleton(_ => ProbeHttp.CreateClient());
        services.AddSingleton<IReadOnlyList<IProbeCheck>>(platform is null ? StandardChecks.Create() : [.. StandardChecks.Create(), .. PlatformChecks.Create(
            new ArmPlatformReader(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(platform.ClientId)),
                platform.SubscriptionId, platform.Targets.ResourceGroup, ArmOptions.Create()), platform.Targets)]);
        services.AddSingleton<AvailabilityReporter>();

        // The logger provider registers a Warning-and-above rule; the probe's per-check lines are Information when
        // they pass and must reach the workspace too. Registered after the provider, so this runs after its rule.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return services;
    }
}
