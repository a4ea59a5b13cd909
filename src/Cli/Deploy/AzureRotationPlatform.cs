using System.Diagnostics;
using System.Globalization;
using Provisioning.Deployment;
using Provisioning.Secrets;
using Provisioning.Secrets.Rotation;

namespace Provisioning.Cli.Deploy;

/// <summary>
/// A rotation's platform in Azure: the deployment stages for what the templates describe (the backend's key
/// references and the grant on the previous key, the server's administrator password, the migration job) and the
/// Azure CLI for new revisions and their health. Every call is labelled with the rotation step's stage name.
/// </summary>
internal sealed class AzureRotationPlatform(DeploymentRequest request, AzureCli az, StageActions stages, SecretsTarget target, TextWriter output) : IRotationPlatform
{
    private const string Stage = "rotation";

    /// <summary>How long a new revision may take to become healthy (image pull, startup probe's 5 minutes, activation).</summary>
    private static readonly TimeSpan RevisionLimit = TimeSpan.FromMinutes(10);

    public string Name => $"Azure ({target.ResourceGroup})";

    /// <summary>
    /// "When newer versions become available, the app automatically retrieves the latest version within 30 minutes"
    /// (Manage secrets in Azure Container Apps, Key Vault references): until then a new replica of an issuer may still
    /// get the old key, so the window waits that long on top of the token lifetime.
    /// </summary>
    public TimeSpan SecretRefreshDelay => TimeSpan.FromMinutes(30);

    public async Task ConfigureBackendKeyAsync(JwtBackendReferences references, CancellationToken cancellationToken)
    {
        // The stages read the references from the vault (the one store), where the rotation has just written them:
        // the bootstrap grants the backend the previous key while the window is open, main.bicep gives it the
        // references (a changed template: a new revision).
        await stages.Secrets(cancellationToken).ConfigureAwait(false);
        await stages.Workloads(cancellationToken).ConfigureAwait(false);
        await WaitHealthyAsync(TodoSystem.Backend, await LatestRevisionAsync(await AppAsync(TodoSystem.Backend, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task RollOutAsync(string component, CancellationToken cancellationToken)
    {
        var app = await AppAsync(component, cancellationToken).ConfigureAwait(false);
        // A new revision reads every secret again; single revision mode moves the traffic once it is ready.
        var suffix = "rot" + DateTimeOffset.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        await az.RequireAsync(Stage, ["containerapp", "update", "--resource-group", target.ResourceGroup, "--name", app, "--revision-suffix", suffix, "--output", "none"],
            $"creating a new revision of {app}", "check that you may update it (Contributor on the group) and add the extension: az extension add --name containerapp.", cancellationToken).ConfigureAwait(false);
        await WaitHealthyAsync(component, $"{app}--{suffix}", cancellationToken).ConfigureAwait(false);
    }

    public Task RunMigrationJobAsync(CancellationToken cancellationToken) => stages.Migration(cancellationToken);

    public Task ApplyAdministratorPasswordAsync(CancellationToken cancellationToken) => stages.Data(cancellationToken);

    public async Task RemoveSecretGrantsAsync(string secret, CancellationToken cancellationToken)
    {
        var scope = $"{target.VaultId}/secrets/{secret}";
        var answer = await az.CallAsync(Stage, ["role", "assignment", "delete", "--scope", scope, "--yes"], cancellationToken).ConfigureAwait(false);
        if (answer.ExitCode != 0)
        {
            throw new RotationException($"removing the grants on {secret} failed: {answer.ErrorSummary}. Fix: sign in as someone with User Access Administrator (or Owner) on the group and re-run the rotation; it resumes here.");
        }
    }

    public string DatabaseUrl(string login, string password) => SecretComposition.DatabaseUrl(TodoSystem.Description, login, password, target.DatabaseHost);

    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"  waiting {delay.TotalMinutes:0.#} min, until {DateTimeOffset.UtcNow + delay:HH:mm} UTC (interrupting is safe: a re-run waits only for what is left)").ConfigureAwait(false);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    private Task<string> AppAsync(string component, CancellationToken cancellationToken) =>
        az.RequireAsync(Stage, ["containerapp", "list", "--resource-group", target.ResourceGroup, "--query", $"[?tags.\"azd-service-name\"=='{component}'].name | [0]", "--output", "tsv"],
            $"finding the container app of {component}", $"deploy the environment first (deploy -e {request.EnvironmentName}).", cancellationToken);

    private Task<string> LatestRevisionAsync(string app, CancellationToken cancellationToken) =>
        az.RequireAsync(Stage, ["containerapp", "show", "--resource-group", target.ResourceGroup, "--name", app, "--query", "properties.latestRevisionName", "--output", "tsv"],
            $"reading the latest revision of {app}", "sign in again and re-run the rotation; it resumes.", cancellationToken);

    /// <summary>Waits until the revision is provisioned, running and healthy (its readiness probe passes): then it takes the traffic.</summary>
    private async Task WaitHealthyAsync(string component, string revision, CancellationToken cancellationToken)
    {
        var app = revision[..revision.LastIndexOf("--", StringComparison.Ordinal)];
        var waited = Stopwatch.StartNew();
        var poll = TimeSpan.FromSeconds(request.Value("ROTATION_POLL_SECONDS") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var s) ? s : 10);
        while (true)
        {
            var state = await az.RequireAsync(Stage, ["containerapp", "revision", "show", "--resource-group", target.ResourceGroup, "--name", app, "--revision", revision,
                    "--query", "[properties.provisioningState, properties.runningState, properties.healthState]", "--output", "tsv"],
                $"reading revision {revision}", "sign in again and re-run the rotation; it resumes.", cancellationToken).ConfigureAwait(false);
            var cells = state.Split(['\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (cells is ["Provisioned", var running, "Healthy"] && running.StartsWith("Running", StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"  {component}: revision {revision} is healthy and serving").ConfigureAwait(false);
                return;
            }
            if (cells.Any(c => c is "Failed" or "Degraded" or "Unhealthy"))
            {
                throw new RotationException($"{component}'s revision {revision} is {string.Join(" ", cells)}: the previous revision keeps serving. Read its logs (az containerapp logs show -g {target.ResourceGroup} -n {app} --revision {revision}), fix, and re-run the rotation; it resumes.");
            }
            if (waited.Elapsed >= RevisionLimit)
            {
                throw new RotationException($"{component}'s revision {revision} is still {string.Join(" ", cells)} after {RevisionLimit.TotalMinutes:0} min; re-run the rotation once it is healthy.");
            }
            await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
        }
    }
}
