using System.CommandLine;
using Azure;
using Azure.Identity;
using Provisioning.Environments.Configuration;
using Provisioning.Secrets;

namespace Provisioning.Cli.Commands;

/// <summary>What <c>secrets init</c> was asked, after parsing.</summary>
internal sealed record SecretsInitInvocation(string Environment, string ResourceGroup, string? Subscription, string EnvironmentDirectory, bool DryRun = false);

/// <summary>
/// <c>secrets init</c>: creates in the environment's Key Vault only the secrets that do not exist yet, through Azure
/// Resource Manager (<see cref="SecretsInitializer"/>). It prints names and what happened to each, never a value.
/// </summary>
internal static class SecretsInitCommand
{
    /// <summary>Bounds the whole run (with the SDK's retries) so a hung sign-in or endpoint cannot hang a deployment.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static Command Create()
    {
        var env = CliOptions.Environment("The environment (env/<name>.json) whose secrets to create.");
        env.Required = true;
        var resourceGroup = new Option<string>("--resource-group", "-g")
        {
            Description = "The resource group the environment is deployed in: its latest bootstrap (or main) deployment names the vault and the database host.",
            Required = true,
        };
        var subscription = new Option<string?>("--subscription") { Description = $"Subscription id of --resource-group (default: {ProbePlatform.SubscriptionVariable})." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be created, and what is missing, without writing anything." };
        var envDir = CliOptions.EnvDir();
        var command = new Command("init",
            "Creates in the environment's Key Vault every secret it needs that does not exist yet, with a strong random value, and never overwrites one: " +
            "a second run changes nothing. Database URLs are made from the same password as the password secret they contain, with the server's host name. " +
            "External credentials (OPENAI_API_KEY) come from the environment variable of the same name when the vault lacks them; if one is unset, " +
            "nothing is created and the command exits 2 naming it. Writes go through Azure Resource Manager (control plane), signed in with " +
            "DefaultAzureCredential (az login, azd auth login, a managed identity, a federated credential), so they work against a private vault. " +
            "Run it after the first bootstrap step and before the grants and the main deployment (docs/security.md, \"Secret lifecycle\"). " +
            "Exit 0 done (or nothing to do), 1 Azure refused or failed a call, 2 invalid input or a missing external value." +
            GenerateCommand.ErrorsAndExample("secrets init -e dev --resource-group rg-todo-dev"));
        foreach (var option in new Option[] { env, resourceGroup, subscription, dryRun, envDir })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => RunAsync(
            new SecretsInitInvocation(parse.GetValue(env)!, parse.GetValue(resourceGroup)!, parse.GetValue(subscription), parse.EnvironmentDirectory(envDir), parse.GetValue(dryRun)),
            System.Environment.GetEnvironmentVariable,
            ArmAccess.Default,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>The command without parsing or process state, so tests pass variables and an ARM stand-in directly.</summary>
    public static async Task<int> RunAsync(SecretsInitInvocation invocation, Func<string, string?> environmentVariables, Func<ArmAccess> arm,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(environmentVariables);
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var configuration = EnvironmentFile.Load(invocation.EnvironmentDirectory, invocation.Environment, error);
        if (configuration is null)
        {
            return ExitCodes.InvalidInput;
        }
        var subscription = invocation.Subscription ?? environmentVariables(ProbePlatform.SubscriptionVariable);
        if (string.IsNullOrWhiteSpace(subscription))
        {
            error.WriteLine($"--resource-group {invocation.ResourceGroup}: no subscription. Fix: pass --subscription or set {ProbePlatform.SubscriptionVariable}.");
            return ExitCodes.InvalidInput;
        }

        var access = arm();
        var initializer = new SecretsInitializer(access.Credential, access.Options());
        var request = new SecretsInitRequest(configuration, subscription, invocation.ResourceGroup, environmentVariables);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (invocation.DryRun)
            {
                var plan = await initializer.PlanAsync(request, timeout.Token).ConfigureAwait(false);
                Print(output, invocation.Environment, plan, created: null);
                output.WriteLine($"dry run: nothing was written; {plan.ToCreate.Count} secret(s) would be created.");
                return plan.CanApply ? ExitCodes.Success : Missing(error, plan);
            }
            var result = await initializer.InitializeAsync(request, timeout.Token).ConfigureAwait(false);
            Print(output, invocation.Environment, result.Plan, result);
            if (!result.Succeeded)
            {
                return Missing(error, result.Plan);
            }
            output.WriteLine(result.Created.Count == 0 && result.CreatedElsewhere.Count == 0
                ? "nothing to do: every secret exists."
                : $"created {result.Created.Count} secret(s); existing ones were left as they are.");
            return ExitCodes.Success;
        }
        catch (SecretsInitException ex)
        {
            error.WriteLine($"secrets init -e {invocation.Environment}: {ex.Message}");
            return ExitCodes.CheckFailed;
        }
        catch (AuthenticationFailedException ex)
        {
            error.WriteLine($"secrets init -e {invocation.Environment}: cannot sign in to Azure ({FirstLine(ex.Message)}). Fix: run `az login` or `azd auth login`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID with a federated credential.");
            return ExitCodes.CheckFailed;
        }
        catch (RequestFailedException ex)
        {
            error.WriteLine($"secrets init -e {invocation.Environment}: cannot reach Azure Resource Manager: {FirstLine(ex.Message)}");
            return ExitCodes.CheckFailed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"secrets init -e {invocation.Environment}: Azure Resource Manager did not answer within {Timeout.TotalMinutes:0} min; run it again (it creates only what is still missing).");
            return ExitCodes.CheckFailed;
        }
    }

    private static void Print(TextWriter output, string environment, SecretsPlan plan, SecretsInitResult? created)
    {
        output.WriteLine($"secrets init -e {environment}: vault {plan.Target.VaultName} in {plan.Target.ResourceGroup} (database host {plan.Target.DatabaseHost})");
        var width = plan.Secrets.Select(s => s.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var secret in plan.Secrets)
        {
            var what = secret.State switch
            {
                SecretState.Exists => "exists",
                SecretState.Missing => "MISSING",
                _ when created is null => "would be created",
                _ when created.CreatedElsewhere.Contains(secret.Name) => "created meanwhile by another run; left as it is",
                _ when created.Created.Contains(secret.Name) => "created",
                _ => "not created",
            };
            output.WriteLine($"  {secret.Name.PadRight(width)}  {what}: {secret.Note}");
        }
    }

    private static int Missing(TextWriter error, SecretsPlan plan)
    {
        var variables = plan.Missing.Select(m => m.Variable).Distinct().ToList();
        error.WriteLine($"Nothing was created: {plan.Missing.Count} secret(s) have no value ({string.Join(", ", plan.Missing.Select(m => m.Name))}). " +
            $"Fix: set {string.Join(", ", variables)} in this shell (e.g. `export {variables[0]}=…` from your secret store; never in a file) and run `secrets init` again.");
        return ExitCodes.InvalidInput;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
