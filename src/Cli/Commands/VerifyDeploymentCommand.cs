using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Provisioning.Environments.Configuration;
using Provisioning.Probes;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>verify-deployment</c>, the last stage of a deployment (FR-013: components are verified after deployment): waits
/// for the first complete run of the probe inside the environment that started after the deployment, read from
/// Application Insights with <c>az monitor app-insights query</c>, and fails when any of its checks is red, printing
/// each red check's reason. The probe Function is the run: it is the one place inside the environment that reaches
/// the internal MCP server and the database, with the identity, settings and key the deployment gave it, and its
/// results are what the alerts read; a second copy of the probe started elsewhere would prove less.
/// </summary>
internal static class VerifyDeploymentCommand
{
    public const string Name = "verify-deployment";

    /// <summary>
    /// How long a probe's results may take to become queryable: Azure Monitor's documented typical ingestion latency
    /// is 20 seconds to 3 minutes; a run also lasts up to the Function's one-minute timeout.
    /// </summary>
    internal static readonly TimeSpan IngestionAllowance = TimeSpan.FromMinutes(6);

    // azd exports the environment's group under the name the probe's own platform setting has, and every output.
    private const string ResourceGroupVariable = PlatformSettingNames.ResourceGroup;
    private const string AppInsightsVariable = OutputNames.ApplicationInsightsName;

    internal sealed record Request(string Environment, string ResourceGroup, string AppInsights, DateTimeOffset Since, TimeSpan Timeout, TimeSpan Poll, string Az)
    {
        /// <summary>Set for each az call on top of this process's environment (the deployment names its stage).</summary>
        public IReadOnlyDictionary<string, string> AzEnvironment { get; init; } = new Dictionary<string, string>();
    }

    public static Command Create()
    {
        var environment = CliOptions.Environment("The environment whose deployment is verified (azd: $AZURE_ENV_NAME); its probe schedule sets the default --timeout.");
        var envDir = CliOptions.EnvDir();
        var group = new Option<string>("--resource-group", "-g") { Description = $"The environment's resource group (default: ${ResourceGroupVariable})." };
        var insights = new Option<string>("--app-insights") { Description = $"The Application Insights resource the probe reports to: the deployment output {AppInsightsVariable} (default: ${AppInsightsVariable})." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only a probe run that started after this time counts (ISO 8601; default: now, when the new revisions and the migration are done)." };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds to wait for a complete run (default: the probe's interval plus 6 minutes for the run and ingestion)." };
        var poll = new Option<int>("--poll") { Description = "Seconds between two queries.", DefaultValueFactory = _ => 20 };
        var command = new Command(Name,
            "Waits for the first complete run of the probe inside the environment after the deployment (read from Application Insights with `az monitor app-insights query`) and fails when a check is red, printing each red check's reason. Exit 0 all green, 1 a check red or no complete run in time, 2 invalid input, 3 a security failure." +
            GenerateCommand.ErrorsAndExample("verify-deployment -e dev -g rg-todo-dev --app-insights appi-todo-dev"));
        command.Options.Add(environment);
        command.Options.Add(envDir);
        command.Options.Add(group);
        command.Options.Add(insights);
        command.Options.Add(since);
        command.Options.Add(timeout);
        command.Options.Add(poll);
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<string>();
            var name = parse.GetValue(environment);
            var resourceGroup = parse.GetValue(group) ?? System.Environment.GetEnvironmentVariable(ResourceGroupVariable);
            var appInsights = parse.GetValue(insights) ?? System.Environment.GetEnvironmentVariable(AppInsightsVariable);
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add("-e/--environment is missing: name the environment whose deployment is verified (azd sets AZURE_ENV_NAME).");
            }
            if (string.IsNullOrWhiteSpace(resourceGroup))
            {
                problems.Add($"the resource group is not set: pass -g/--resource-group or export {ResourceGroupVariable}.");
            }
            if (string.IsNullOrWhiteSpace(appInsights))
            {
                problems.Add($"the Application Insights name is not set: pass --app-insights or export {AppInsightsVariable} (an output of the deployment; azd sets it after provision).");
            }
            var configuration = name is null ? null : ConfigurationLoader.LoadAll(parse.EnvironmentDirectory(envDir)).FirstOrDefault(c => c.Name == name);
            if (name is not null && configuration is null)
            {
                problems.Add($"there is no env/{name}.json: name an environment of {parse.EnvironmentDirectory(envDir)}.");
            }
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    error.WriteLine($"verify-deployment: {problem}");
                }
                return Task.FromResult(ExitCodes.InvalidInput);
            }
            var interval = TimeSpan.FromSeconds(ProbeSchedule.IntervalSeconds(configuration!.Probe.Schedule));
            var request = new Request(name!, resourceGroup!, appInsights!, parse.GetValue(since) ?? DateTimeOffset.UtcNow,
                parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : interval + IngestionAllowance,
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(poll))), "az");
            return RunAsync(request, TodoSystem.Description.Checks.Select(c => c.Name).ToList(), TodoSystem.Description.ProbeRoleName, output, error, cancellationToken);
        });
        return command;
    }

    /// <summary>The command without the parsing: <paramref name="request"/>'s <c>Az</c> is the Azure CLI to run (tests give a stand-in).</summary>
    internal static async Task<int> RunAsync(Request request, IReadOnlyList<string> checks, string roleName, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var waited = Stopwatch.StartNew();
        var since = ProbeRunQuery.Iso(request.Since);
        await output.WriteLineAsync($"verify-deployment: waiting up to {Seconds(request.Timeout)} s for a complete probe run inside {request.Environment} that started after {since} ({checks.Count} checks, read from {request.AppInsights})").ConfigureAwait(false);
        while (true)
        {
            (int ExitCode, string Output, string Error) answer;
            try
            {
                answer = await RunAzAsync(request, QueryArguments(request, roleName), cancellationToken).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                await error.WriteLineAsync("verify-deployment: the Azure CLI (az) is not on PATH; install it, sign in (az login) and add its extension: az extension add --name application-insights.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            if (answer.ExitCode != 0)
            {
                await error.WriteLineAsync($"verify-deployment: az monitor app-insights query failed (exit {answer.ExitCode}): {FirstLines(answer.Error)}").ConfigureAwait(false);
                await error.WriteLineAsync("  Fix: sign in (az login) as someone with Reader on the Application Insights resource, and add the CLI extension once: az extension add --name application-insights.").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }
            IReadOnlyList<ProbeRunQuery.Result> results;
            try
            {
                results = ProbeRunQuery.Parse(answer.Output);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                await error.WriteLineAsync($"verify-deployment: the answer of az monitor app-insights query is not the expected table: {e.Message}").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            var runs = results.Where(r => r.Timestamp > request.Since).GroupBy(r => r.Timestamp).OrderBy(g => g.Key).ToList();
            var complete = runs.FirstOrDefault(run => checks.All(c => run.Any(r => r.Check == c)));
            if (complete is not null)
            {
                return await ReportAsync(request, complete.Key, [.. complete.Where(r => checks.Contains(r.Check))], output, error).ConfigureAwait(false);
            }
            if (waited.Elapsed >= request.Timeout)
            {
                var latest = runs.LastOrDefault();
                await error.WriteLineAsync($"verify-deployment: no complete probe run inside {request.Environment} started after {since} within {Seconds(request.Timeout)} s" +
                    (latest is null ? "; none reported at all." : $"; the latest, at {ProbeRunQuery.Iso(latest.Key)}, lacks {string.Join(", ", checks.Where(c => latest.All(r => r.Check != c)))}.")).ConfigureAwait(false);
                await error.WriteLineAsync("  Fix: check that the probe app's latest revision runs (az containerapp revision list -g <group> -n <PROBE_FUNCTION_NAME output>) and that its telemetry arrives, or raise --timeout; the deployment is not verified.").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }
            await output.WriteLineAsync($"verify-deployment: no complete run yet after {Seconds(waited.Elapsed)} s; asking again in {Seconds(request.Poll)} s").ConfigureAwait(false);
            await Task.Delay(request.Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReportAsync(Request request, DateTimeOffset started, IReadOnlyList<ProbeRunQuery.Result> run, TextWriter output, TextWriter error)
    {
        var red = run.Where(r => !r.Passed).ToList();
        if (red.Count == 0)
        {
            await output.WriteLineAsync($"verify-deployment: the probe run inside {request.Environment} at {ProbeRunQuery.Iso(started)} passed all {run.Count} checks; the deployment is verified.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        await error.WriteLineAsync($"verify-deployment: the probe run inside {request.Environment} at {ProbeRunQuery.Iso(started)} has {red.Count} red check(s) of {run.Count}:").ConfigureAwait(false);
        foreach (var result in red)
        {
            await error.WriteLineAsync($"  {result.Outcome,-13} {result.Check} ({result.Component}, {result.FailureKind}): {result.Reason}").ConfigureAwait(false);
        }
        await error.WriteLineAsync("  The deployment is not verified: fix what the reasons name and deploy again (docs/probes.md explains each check).").ConfigureAwait(false);
        return red.Any(r => r.Outcome == OutcomeText.Of(CheckOutcome.SecurityFail)) ? ExitCodes.SecurityFailure : ExitCodes.CheckFailed;
    }

    private static List<string> QueryArguments(Request request, string roleName) =>
    [
        "monitor", "app-insights", "query",
        "--app", request.AppInsights,
        "--resource-group", request.ResourceGroup,
        "--analytics-query", ProbeRunQuery.Text(request.Since, roleName),
        // The query's own filter decides; the offset only has to reach back past --since (the CLI's default is 1 hour).
        "--offset", string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Ceiling((DateTimeOffset.UtcNow - request.Since).TotalHours) + 1}h"),
        "--output", "json",
    ];

    private static async Task<(int ExitCode, string Output, string Error)> RunAzAsync(Request request, List<string> arguments, CancellationToken cancellationToken)
    {
        var az = request.Az;
        var start = new ProcessStartInfo(az) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in request.AzEnvironment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{az} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static string FirstLines(string text) => string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));

    
    private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
