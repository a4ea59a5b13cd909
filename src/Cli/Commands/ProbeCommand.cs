using System.CommandLine;
using System.Text.Json;
using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.Cli.Commands;

/// <summary>What <c>probe</c> was asked, after parsing.</summary>
internal sealed record ProbeInvocation(
    string? Environment = null,
    string? FrontendUrl = null,
    string? BackendUrl = null,
    string? McpUrl = null,
    string? OutputsFile = null,
    bool Json = false,
    string? ResourceGroup = null,
    string? Subscription = null,
    ProbeLocation From = ProbeLocation.Inside);

/// <summary>
/// <c>probe</c>: runs the health probe's checks once against a deployed environment, prints a table (or JSON with
/// <c>--json</c>) and exits 0 all pass, 1 a check failed, 2 invalid input, 3 security failure. Secrets come only from
/// the environment variables JWT_SECRET_KEY and DATABASE_URL, never from arguments (shell history, process lists).
/// </summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var env = CliOptions.Environment("Environment name (dev, staging, prod): the probe reads as user probe-<env>, and URLs come from azd's .azure/<env>/.env unless given otherwise.");
        var frontend = new Option<string?>("--frontend-url") { Description = "Frontend base URL (overrides FRONTEND_URL from --outputs or .env)." };
        var backend = new Option<string?>("--backend-url") { Description = "Backend base URL (overrides BACKEND_URL)." };
        var mcp = new Option<string?>("--mcp-url") { Description = "MCP endpoint URL ending in /mcp (overrides MCP_URL)." };
        var outputs = new Option<string?>("--outputs") { Description = "JSON file from `az deployment group show --query properties.outputs` with FRONTEND_URL, BACKEND_URL, MCP_URL." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table." };
        var resourceGroup = new Option<string?>("--resource-group", "-g")
        {
            Description = "Resource group of the environment: URLs and names come from its latest succeeded deployment's outputs (Azure Resource Manager, " +
                "signed in with DefaultAzureCredential), and the platform checks (migration job, revisions) run too.",
        };
        var subscription = new Option<string?>("--subscription") { Description = "Subscription id of --resource-group (default: AZURE_SUBSCRIPTION_ID)." };
        var from = new Option<ProbeLocation>("--from")
        {
            Description = "Where this probe runs: inside (default; every check runs) or outside the environment (a laptop, a hosted pipeline): " +
                "the checks of apps with internal ingress (mcp) are then listed as not run from here and do not fail the run.",
            DefaultValueFactory = _ => ProbeLocation.Inside,
        };

        var command = new Command("probe",
            "Runs the health probe's checks once against a deployed environment. Needs JWT_SECRET_KEY and DATABASE_URL in the environment. " +
            "Exit 0 all pass, 1 a check failed, 2 invalid input, 3 security failure." + GenerateCommand.ErrorsAndExample("probe -e dev --resource-group rg-todo-dev --from outside"));
        foreach (var option in new Option[] { env, frontend, backend, mcp, outputs, json, resourceGroup, subscription, from })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => RunAsync(
            new ProbeInvocation(parse.GetValue(env), parse.GetValue(frontend), parse.GetValue(backend), parse.GetValue(mcp), parse.GetValue(outputs), parse.GetValue(json),
                parse.GetValue(resourceGroup), parse.GetValue(subscription), parse.GetValue(from)),
            System.Environment.GetEnvironmentVariable,
            Directory.GetCurrentDirectory(),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>The command without parsing or process state, so tests pass variables and a working folder directly.</summary>
    /// <param name="arm">How to reach ARM for --resource-group; null means <see cref="ArmAccess.Default"/>.</param>
    internal static async Task<int> RunAsync(ProbeInvocation invocation, Func<string, string?> environmentVariables, string workingDirectory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken, Func<ArmAccess>? arm = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environmentVariables);
        var problems = new List<string>();
        var platform = invocation.ResourceGroup is null
            ? null
            : await ProbePlatform.ReadAsync(invocation.ResourceGroup, invocation.Subscription, environmentVariables, arm ?? ArmAccess.Default, problems, cancellationToken)
                .ConfigureAwait(false);
        var urls = CollectUrls(invocation, workingDirectory, platform?.Outputs, problems);
        var environmentName = invocation.Environment ?? environmentVariables(SettingNames.Environment);

        var result = ProbeSettingsReader.Read(name => name switch
        {
            SettingNames.FrontendUrl or SettingNames.BackendUrl or SettingNames.McpUrl => urls.GetValueOrDefault(name),
            SettingNames.Environment => environmentName,
            // Secrets and tuning only from the environment.
            _ => environmentVariables(name),
        }, "environment variable / option");
        problems.AddRange(result.Problems.Select(p => p.ToString()
            .Replace("PROBE_ENVIRONMENT: is not set; expected as environment variable / option PROBE_ENVIRONMENT", "-e/--environment is not given (nor PROBE_ENVIRONMENT)", StringComparison.Ordinal)));
        if (problems.Count > 0 || result.Settings is null)
        {
            await error.WriteLineAsync("probe: cannot run:").ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("  - " + problem).ConfigureAwait(false);
            }
            return ExitCodes.InvalidInput;
        }

        var settings = result.Settings with { Location = invocation.From };
        using var http = ProbeHttp.CreateClient();
        IReadOnlyList<IProbeCheck> checks = platform?.Targets is { } targets
            ? [.. StandardChecks.Create(), .. PlatformChecks.Create(platform.Reader, targets)]
            : StandardChecks.Create();
        var report = await ProbeRunner.RunAsync(checks, new ProbeContext(http, settings), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(invocation.Json ? ProbeOutput.Json(report, settings.Environment) + "\n" : ProbeOutput.Table(report, settings.Environment))
            .ConfigureAwait(false);
        return ProbeOutput.ExitCode(report);
    }

    private static Dictionary<string, string> CollectUrls(ProbeInvocation invocation, string workingDirectory,
        IReadOnlyDictionary<string, string>? deploymentOutputs, List<string> problems)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        if (deploymentOutputs is not null)
        {
            Merge(urls, deploymentOutputs);
        }
        var explicitUrls = new Dictionary<string, string?>
        {
            [SettingNames.FrontendUrl] = invocation.FrontendUrl,
            [SettingNames.BackendUrl] = invocation.BackendUrl,
            [SettingNames.McpUrl] = invocation.McpUrl,
        };
        var needFile = explicitUrls.Values.Any(string.IsNullOrWhiteSpace);

        if (invocation.OutputsFile is not null)
        {
            var path = Path.GetFullPath(invocation.OutputsFile, workingDirectory);
            try
            {
                Merge(urls, ProbeTargets.ReadDeploymentOutputs(path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                problems.Add($"--outputs: cannot read deployment outputs from {path}: {ex.Message}");
            }
        }
        else if (needFile && invocation.Environment is not null && invocation.ResourceGroup is null)
        {
            var path = Path.Combine(workingDirectory, ".azure", invocation.Environment, ".env");
            if (File.Exists(path))
            {
                Merge(urls, ProbeTargets.ReadAzdEnv(path));
            }
            else
            {
                problems.Add($"-e {invocation.Environment}: {path} does not exist; run `azd env refresh -e {invocation.Environment}` in the project folder, or pass --outputs or --frontend-url/--backend-url/--mcp-url");
            }
        }

        foreach (var (name, value) in explicitUrls)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                urls[name] = value;
            }
        }
        return urls;
    }

    private static void Merge(Dictionary<string, string> urls, IReadOnlyDictionary<string, string> values)
    {
        foreach (var name in ProbeTargets.UrlNames)
        {
            if (values.TryGetValue(name, out var value))
            {
                urls[name] = value;
            }
        }
    }
}
