using Provisioning.Cli.Commands;
using Provisioning.Deployment;

namespace Provisioning.Cli.Deploy;

/// <summary>
/// The deployment stages against Azure, through the Azure CLI: one action per stage of
/// <see cref="DeploymentStages.All"/>. The check stage reads and never writes; every later stage relies on the
/// guarantees of the ones before it (<see cref="DeploymentStage.Guarantee"/>).
/// </summary>
internal sealed partial class AzureStages(DeploymentRequest request, AzureCli az, TextWriter output, TextWriter error) : IDisposable
{
    public void Dispose() => File.Delete(grantsFile);

    private const string Me = "deploy";

    public StageActions Actions => new(CheckAsync, BootstrapAsync, SecretsAsync, ImagesAsync, DataAsync, MigrationAsync, WorkloadsAsync, VerificationAsync);

    private string Env => request.EnvironmentName;

    private string Group => request.ResourceGroup
        ?? throw new StageFailedException(ExitCodes.InvalidInput, $"AZURE_RESOURCE_GROUP is not set. Fix: {request.HowToSet(PlatformSettingNames.ResourceGroup, $"rg-{request.Configuration.NamePrefix}-{Env}")}.");

    private Task Say(string line) => output.WriteLineAsync($"{Me}: {line}");

    /// <summary>The grants before this run's first bootstrap step, so the second step's wait covers both.</summary>
    private readonly string grantsFile = Path.Combine(Path.GetTempPath(), $"deploy-grants-{Guid.NewGuid():N}");

    /// <summary>
    /// Bootstrap, first step: everything but the grants scoped to secrets, which cannot exist before `secrets init`
    /// made the secrets (the secrets stage deploys the bootstrap again with them and waits for new grants once).
    /// Harmless on an existing environment: a grant left out is not deleted by an incremental deployment.
    /// </summary>
    private async Task BootstrapAsync(CancellationToken cancellationToken) =>
        await DeployBootstrapAsync(DeploymentStages.Bootstrap, secretsExist: false, cancellationToken).ConfigureAwait(false);

    /// <summary>`secrets init` (creates only what is missing), then the grants on the secrets, then the wait for new grants.</summary>
    private async Task SecretsAsync(CancellationToken cancellationToken)
    {
        var stage = DeploymentStages.Secrets;
        var invocation = new SecretsInitInvocation(Env, Group, request.Value(PlatformSettingNames.SubscriptionId), request.EnvironmentDirectory);
        var exit = await SecretsInitCommand.RunAsync(invocation, request.Variable, request.Arm, output, error, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            throw new StageFailedException(exit, "secrets init did not finish (its message is above); nothing after it was deployed.");
        }
        await DeployBootstrapAsync(stage, secretsExist: true, cancellationToken).ConfigureAwait(false);
        // main.bicepparam and data.bicepparam read the administrator password with getSecret from this vault.
        var vault = await OutputAsync(stage, "bootstrap", OutputNames.KeyVaultName, cancellationToken).ConfigureAwait(false);
        await KeepAsync(stage, OutputNames.KeyVaultName, vault, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeployBootstrapAsync(DeploymentStage stage, bool secretsExist, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SECRETS_INITIALIZED"] = secretsExist ? "true" : "false",
            ["BOOTSTRAP_GRANTS_FILE"] = grantsFile,
        };
        if (!secretsExist)
        {
            // The wait comes once, after the second step, for the grants of both.
            settings["ROLE_PROPAGATION_SECONDS"] = "0";
        }
        else
        {
            // The grant on jwt-secret-key-previous exists exactly while a rotation window is open.
            await KeepKeyReferencesAsync(stage, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            var answer = await az.ScriptAsync(stage.Name, "bootstrap.sh", [Env], cancellationToken, settings).ConfigureAwait(false);
            if (answer.ExitCode != 0)
            {
                throw new StageFailedException(ExitCodes.CheckFailed, $"scripts/azd/bootstrap.sh exited {answer.ExitCode} (its message is above); nothing after the bootstrap was deployed.");
            }
        }
        finally
        {
            if (secretsExist)
            {
                File.Delete(grantsFile);
            }
        }
    }

    private async Task DataAsync(CancellationToken cancellationToken) =>
        await DeployTemplateAsync(DeploymentStages.Data, "data", cancellationToken).ConfigureAwait(false);

    private async Task WorkloadsAsync(CancellationToken cancellationToken)
    {
        if (!request.Azd)
        {
            await DeployTemplateAsync(DeploymentStages.Workloads, "main", cancellationToken).ConfigureAwait(false);
            return;
        }
        await KeepKeyReferencesAsync(DeploymentStages.Workloads, cancellationToken).ConfigureAwait(false);
        // azd deploys its infra folder itself, right after this hook; .azd-infra is git-ignored and never edited.
        var infra = Path.Combine(request.RepositoryRoot, ".azd-infra");
        if (Directory.Exists(infra))
        {
            Directory.Delete(infra, recursive: true);
        }
        Directory.CreateDirectory(infra);
        foreach (var file in new[] { "main.bicep", "main.bicepparam" })
        {
            File.Copy(Path.Combine(request.GeneratedFolder, file), Path.Combine(infra, file));
        }
        await Say($"azd provision deploys generated/{Env}/main.bicep next (copied to .azd-infra/).").ConfigureAwait(false);
    }

    /// <summary>Deploys generated/&lt;env&gt;/&lt;name&gt;.bicep with its parameter file as deployment <c>&lt;name&gt;-&lt;env&gt;</c>.</summary>
    private async Task DeployTemplateAsync(DeploymentStage stage, string name, CancellationToken cancellationToken)
    {
        var template = $"generated/{Env}/{name}.bicep";
        // The parameter file reads the administrator password from the vault by name (getSecret); a run that starts
        // after the secrets stage (--from, --stage) takes the name from the bootstrap's deployment.
        if (!az.Values.ContainsKey(OutputNames.KeyVaultName) && request.Value(OutputNames.KeyVaultName) is null)
        {
            az.Values[OutputNames.KeyVaultName] = await OutputAsync(stage, "bootstrap", OutputNames.KeyVaultName, cancellationToken).ConfigureAwait(false);
        }
        await KeepKeyReferencesAsync(stage, cancellationToken).ConfigureAwait(false);
        await Say($"deploying {template} to {Group}").ConfigureAwait(false);
        var answer = await az.StreamAsync(stage.Name, ["deployment", "group", "create", "--resource-group", Group, "--name", DeploymentName(name),
            "--template-file", template, "--parameters", $"generated/{Env}/{name}.bicepparam", "--output", "none"], cancellationToken).ConfigureAwait(false);
        if (answer.ExitCode != 0)
        {
            throw new StageFailedException(ExitCodes.CheckFailed, $"the deployment of {template} failed (its error is above); the stages after {stage.Name} were not run." +
                (stage == DeploymentStages.Data && answer.Error.Contains(KeyVaultReferenceFailure, StringComparison.Ordinal) ? JobReferenceHint : ""));
        }
    }

    /// <summary>How Container Apps reports a Key Vault reference it could not resolve with the workload's identity.</summary>
    private const string KeyVaultReferenceFailure = "Unable to get value using Managed identity";

    // docs/security.md, "The migration job's Key Vault references": the one known way this fails for the job alone.
    private static readonly string JobReferenceHint = Environment.NewLine +
        "  The migration job could not resolve a Key Vault reference. If the vault is reachable only through its private endpoint (prod), this may be " +
        "microsoft/azure-container-apps#1804 (jobs failing where apps in the same environment succeed); no workload was changed. " +
        "See docs/security.md, \"The migration job's Key Vault references\", for the check and the fallback.";

    private string DeploymentName(string template) => $"{template}-{Env}";

    /// <summary>An output of an earlier stage's deployment (the registry, the job's name…).</summary>
    private Task<string> OutputAsync(DeploymentStage stage, string template, string output, CancellationToken cancellationToken) =>
        az.RequireAsync(stage.Name, ["deployment", "group", "show", "--resource-group", Group, "--name", DeploymentName(template),
                "--query", $"properties.outputs.{output}.value", "--output", "tsv"],
            $"reading output {output} of deployment {DeploymentName(template)}",
            $"run the stage that deploys generated/{Env}/{template}.bicep first (deploy -e {Env} --through {StageOf(template)}).", cancellationToken);

    private static string StageOf(string template) => template switch
    {
        "bootstrap" => DeploymentStages.Bootstrap.Name,
        "data" => DeploymentStages.Data.Name,
        _ => DeploymentStages.Workloads.Name,
    };

    /// <summary>Hands a value to the later stages and, under azd, to azd's environment (main.bicepparam reads it there).</summary>
    private async Task KeepAsync(DeploymentStage stage, string name, string value, CancellationToken cancellationToken)
    {
        // Set once per run and value: a value kept earlier in this run is in azd's environment already.
        var kept = az.Values.TryGetValue(name, out var before) && before == value;
        az.Values[name] = value;
        if (request.Azd && request.Variable(name) != value && !kept)
        {
            var answer = await az.RunToolAsync(stage.Name, "azd", ["env", "set", name, value, "--environment", Env], cancellationToken).ConfigureAwait(false);
            if (answer.ExitCode != 0)
            {
                throw new StageFailedException(ExitCodes.CheckFailed, $"azd env set {name} failed: {answer.ErrorSummary}");
            }
        }
    }
}
