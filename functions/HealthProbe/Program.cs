using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioning.HealthProbe;
using Provisioning.Probes;

// Fail before the host starts when any setting is missing: one message listing all of them.
var settings = HostSettings.Read(Environment.GetEnvironmentVariable);

var host = new HostBuilder()
    .ConfigureFunctionsWorkerDefaults()
    .ConfigureServices(services =>
    {
        // Sampling could drop availability results and make a healthy environment look silent to the alerts;
        // the probe sends a handful of items a minute, so keep them all.
        services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableAdaptiveSampling = false);
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton(settings);
        services.AddSingleton(_ => ProbeHttp.CreateClient());
        services.AddSingleton(StandardChecks.Create());
        services.AddSingleton<AvailabilityReporter>();
    })
    .ConfigureLogging(logging => logging.Services.Configure<LoggerFilterOptions>(options =>
    {
        // The Application Insights logger provider registers a Warning-and-above rule by default; the probe's
        // per-check lines are Information when they pass and must reach the workspace too.
        var rule = options.Rules.FirstOrDefault(r =>
            r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
        if (rule is not null)
        {
            options.Rules.Remove(rule);
        }
    }))
    .Build();
await host.RunAsync().ConfigureAwait(false);
