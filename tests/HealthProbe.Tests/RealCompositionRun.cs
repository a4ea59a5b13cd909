using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Probes;
using Provisioning.Probes.Platform;
using Provisioning.ProbeServers;

namespace Provisioning.HealthProbe.Tests;

/// <summary>What one timer tick of the real host sent to Application Insights, with the app settings it ran under.</summary>
internal sealed record RealCompositionRun(string Environment, IReadOnlyDictionary<string, string> TemplateSettings,
    IReadOnlyList<Envelope> Envelopes, IReadOnlyCollection<string> OtherRequests)
{
    public IReadOnlyList<Envelope> Availability => Envelopes.Where(e => e.BaseType == "AvailabilityData").ToList();

    /// <summary>Log lines (the traces table).</summary>
    public IReadOnlyList<Envelope> Traces => Envelopes.Where(e => e.BaseType == "MessageData").ToList();

    public string Describe() =>
        $"{Envelopes.Count} envelope(s) from environment {Environment}'s probe app settings " +
        $"[{string.Join(", ", TemplateSettings.Keys.Order(StringComparer.Ordinal))}]:\n" +
        string.Join('\n', Envelopes.Where(e => e.BaseType is "AvailabilityData" or "MessageData")) +
        (OtherRequests.Count > 0 ? "\nother requests: " + string.Join(", ", OtherRequests) : "");
}

/// <summary>
/// Runs the timer function once per environment through the host Program.cs builds (HealthProbeHost), under the
/// app settings the compiled template gives the probe app, against the local Todo stand-ins, with Application
/// Insights' ingestion endpoint on 127.0.0.1. The SDK's own channel sends; the test only listens.
/// </summary>
internal static class RealCompositionRuns
{
    /// <summary>Read by the worker's role-name initializer from the process environment, never from a test's wish.</summary>
    private static readonly string[] RoleNameSources = ["WEBSITE_CLOUD_ROLENAME", "WEBSITE_SITE_NAME", "WEBSITE_SLOT_NAME"];

    private static readonly ConcurrentDictionary<(string, bool), Lazy<Task<RealCompositionRun>>> Runs = new();

    /// <summary>
    /// Every outcome in one run: the frontend serves no HTML (frontend.reachable fails, so frontend.config is
    /// skipped), the backend accepts any token (backend.auth.rejects: security-fail), nobody listens for
    /// PostgreSQL (database.schema fails) and the rest passes.
    /// </summary>
    public static Task<RealCompositionRun> Of(string environment) =>
        Runs.GetOrAdd((environment, false), k => new Lazy<Task<RealCompositionRun>>(() => RunAsync(k.Item1, healthy: false))).Value;

    /// <summary>The stand-ins as the contract wants them: every check passes but database.schema (no PostgreSQL here).</summary>
    public static Task<RealCompositionRun> Healthy(string environment) =>
        Runs.GetOrAdd((environment, true), k => new Lazy<Task<RealCompositionRun>>(() => RunAsync(k.Item1, healthy: true))).Value;

    private static async Task<RealCompositionRun> RunAsync(string environment, bool healthy)
    {
        await using var stack = healthy
            ? await TodoStack.StartAsync()
            : await TodoStack.StartAsync(backend: new BackendOptions(AcceptsAnyToken: true), frontend: new FrontendOptions(ServesHtml: false));
        await using var ingestion = await IngestionServer.StartAsync();

        var template = CompiledEnvironments.ProbeAppSettings(environment);
        var settings = new Dictionary<string, string>(stack.EnvironmentVariables())
        {
            [HostSettingNames.ApplicationInsights] = ingestion.ConnectionString,
        };
        // The template wins wherever it fixes a value; the stand-ins fill in what Azure computes at deployment.
        // Except the platform settings: with them the host would also run the platform checks against Azure Resource
        // Manager, which a test cannot reach (they run against an ARM stand-in in Probes.Tests, and
        // PlatformChecksCompositionTests shows the host registers them under the template's settings).
        foreach (var (name, value) in template.Where(s => !PlatformSettingNames.All.Contains(s.Key)))
        {
            settings[name] = value;
        }

        using (ProcessEnvironment.Set(settings, [.. RoleNameSources, .. PlatformSettingNames.All]))
        {
            using var host = HealthProbeHost.CreateBuilder(System.Environment.GetEnvironmentVariable).Build();
            // The worker creates the function class per invocation in a scope, with ActivatorUtilities.
            using (var scope = host.Services.CreateScope())
            {
                var function = ActivatorUtilities.CreateInstance<HealthProbeFunction>(scope.ServiceProvider);
                await function.RunAsync(new TimerInfo(), CancellationToken.None);
            }
        }

        // The function flushes before it returns; allow the channel's transmission to land, bounded.
        await ingestion.WaitForAsync(received =>
            received.Count(e => e.BaseType == "AvailabilityData") >= StandardChecks.Names.Count &&
            received.Any(e => e.BaseType == "MessageData" && (e.Text("message") ?? "").StartsWith("Probe run finished", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        return new RealCompositionRun(environment, template, ingestion.Envelopes.ToList(), ingestion.OtherRequests.ToList());
    }
}
