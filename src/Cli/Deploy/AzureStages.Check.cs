using System.Text.RegularExpressions;
using Provisioning.Deployment;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Model;

namespace Provisioning.Cli.Deploy;

internal sealed partial class AzureStages
{
    /// <summary>The templates of an environment, in the order the stages deploy them.</summary>
    internal static readonly string[] Templates = ["bootstrap", "data", "main"];

    /// <summary>
    /// Everything a person has to give, checked before anything is deployed and reported all at once: a first
    /// deployment that stops half-way for a missing value leaves an environment nobody described.
    /// </summary>
    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var stage = DeploymentStages.Check;
        var problems = new List<string>();
        foreach (var file in Templates.SelectMany(t => new[] { $"{t}.bicep", $"{t}.bicepparam" }))
        {
            if (!File.Exists(Path.Combine(request.GeneratedFolder, file)))
            {
                problems.Add($"generated/{Env}/{file} does not exist. Fix: run the generator (dotnet run --project src/Cli) and commit generated/.");
            }
        }
        var group = request.ResourceGroup;
        if (group is null)
        {
            problems.Add($"AZURE_RESOURCE_GROUP is not set: the resource group the environment lives in. Fix: {request.HowToSet(PlatformSettingNames.ResourceGroup, $"rg-{request.Configuration.NamePrefix}-{Env}")}");
        }
        var subscription = request.Value(PlatformSettingNames.SubscriptionId);
        if (subscription is null)
        {
            problems.Add($"AZURE_SUBSCRIPTION_ID is not set: which subscription to deploy to (never the signed-in default by accident). Fix: {request.HowToSet(PlatformSettingNames.SubscriptionId, "<id from 'az account list -o table'>")}");
        }
        if (PlaceholderDomain().IsMatch(request.Configuration.AlertEmail))
        {
            problems.Add($"env/{Env}.json alertEmail is {request.Configuration.AlertEmail}, a reserved example domain: every alert would go nowhere. Fix: set your team's address there and regenerate (dotnet run --project src/Cli).");
        }

        if (!az.IsInstalled())
        {
            problems.Add("the Azure CLI (az) is not on PATH. Fix: install it (https://learn.microsoft.com/cli/azure/install-azure-cli), then az login and az extension add --name containerapp.");
        }
        else if (group is not null && subscription is not null)
        {
            problems.AddRange(await AzureProblemsAsync(stage, group, subscription, cancellationToken).ConfigureAwait(false));
        }
        if (problems.Count > 0)
        {
            throw new StageFailedException(ExitCodes.InvalidInput,
                $"nothing was deployed; {problems.Count} value(s) missing or wrong:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", problems)}");
        }

        var vault = await az.ScriptAsync(stage.Name, "keyvault-check.sh", [Env], cancellationToken).ConfigureAwait(false);
        if (vault.ExitCode != 0)
        {
            throw new StageFailedException(ExitCodes.SecurityFailure == vault.ExitCode ? vault.ExitCode : ExitCodes.CheckFailed,
                "a soft-deleted Key Vault holds this environment's vault name, or the check could not run (its message is above); nothing was deployed.");
        }
        await Say("every required value is set; nothing stands in the way.").ConfigureAwait(false);
    }

    /// <summary>What only Azure can tell: the signed-in subscription, whether the group exists, what runs there.</summary>
    private async Task<List<string>> AzureProblemsAsync(DeploymentStage stage, string group, string subscription, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var account = await az.CallAsync(stage.Name, ["account", "show", "--query", "id", "--output", "tsv"], cancellationToken).ConfigureAwait(false);
        if (account.ExitCode != 0)
        {
            return [$"the Azure CLI is not signed in ({account.ErrorSummary}). Fix: az login (a pipeline: azure/login with a federated credential)."];
        }
        if (!string.Equals(account.Text, subscription, StringComparison.OrdinalIgnoreCase))
        {
            return [$"az is signed in to subscription {account.Text}, but AZURE_SUBSCRIPTION_ID is {subscription}. Fix: az account set --subscription {subscription}, or correct AZURE_SUBSCRIPTION_ID."];
        }
        var exists = await az.CallAsync(stage.Name, ["group", "exists", "--name", group], cancellationToken).ConfigureAwait(false);
        if (exists.ExitCode != 0)
        {
            return [$"could not read whether resource group {group} exists ({exists.ErrorSummary}). Fix: sign in as someone with Reader on the subscription."];
        }
        var deployed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exists.Text == "true")
        {
            deployed = await DeployedImagesAsync(stage, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var location = request.Value("AZURE_LOCATION");
            var expected = request.Configuration.Location;
            if (location is null)
            {
                problems.Add($"AZURE_LOCATION is not set and resource group {group} does not exist yet, so it would be created nowhere. Fix: {request.HowToSet("AZURE_LOCATION", expected)} (the region of env/{Env}.json)");
            }
            else if (!string.Equals(location, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"AZURE_LOCATION is {location}, but env/{Env}.json deploys every resource to {expected}; a group in another region would hold resources of this one. Fix: {request.HowToSet("AZURE_LOCATION", expected)}, or change location in env/{Env}.json and regenerate.");
            }
            // A new environment's vault is empty: `secrets init` creates every other secret, but not a credential issued elsewhere.
            foreach (var external in TodoSystem.Description.SecureParametersFor(request.Configuration).Where(p => p.External && !p.Optional))
            {
                if (request.Value(external.Variable) is null)
                {
                    problems.Add($"{external.Variable} is not set and the environment's Key Vault does not exist yet: secrets init stores it there once (it is issued elsewhere and cannot be generated). Fix: export it from your secret store in the shell that runs the deployment (never azd env set: .env is plain text).");
                }
            }
        }
        foreach (var component in ExternalImages())
        {
            var variable = AzureYamlServices.SourceImageVariable(component);
            if (request.Value(variable) is null && !deployed.ContainsKey(component.Name))
            {
                problems.Add($"{variable} is not set and {component.Name} is not deployed yet: where its image comes from (it is copied into the environment's registry with az acr import). Fix: {request.HowToSet(variable, "<registry>/<repository>:<tag>")}");
            }
        }
        return problems;
    }

    private IEnumerable<ComponentSpec> ExternalImages() => TodoSystem.Description.Components.Where(c => c.Build is null);

    /// <summary>What the apps ran when this run first asked (the check and images stages both need it; the run changes no app before).</summary>
    private Dictionary<string, string>? deployedImages;

    /// <summary>The image each deployed app runs now, without its registry, keyed by component (its azd-service-name tag).</summary>
    private async Task<Dictionary<string, string>> DeployedImagesAsync(DeploymentStage stage, CancellationToken cancellationToken) =>
        deployedImages ??= await ReadDeployedImagesAsync(stage, cancellationToken).ConfigureAwait(false);

    private async Task<Dictionary<string, string>> ReadDeployedImagesAsync(DeploymentStage stage, CancellationToken cancellationToken)
    {
        var rows = await az.RequireAsync(stage.Name, ["containerapp", "list", "--resource-group", Group,
                "--query", "[].[tags.\"azd-service-name\", properties.template.containers[0].image, properties.configuration.registries[0].server]", "--output", "tsv"],
            $"listing the container apps of {Group}", "sign in as someone with Reader on the resource group, and add the extension: az extension add --name containerapp.", cancellationToken).ConfigureAwait(false);
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = row.Split('\t');
            if (cells.Length >= 3 && cells[2] is { Length: > 0 } server && server != "None" && cells[1].StartsWith(server + "/", StringComparison.Ordinal))
            {
                images[cells[0]] = cells[1][(server.Length + 1)..];
            }
        }
        return images;
    }

    // RFC 2606 reserves these for documentation; mail to them goes nowhere.
    [GeneratedRegex(@"@(.+\.)?example\.(com|org|net)$", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderDomain();
}
