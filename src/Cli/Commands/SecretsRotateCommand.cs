using System.CommandLine;
using Azure;
using Azure.Identity;
using Provisioning.Cli.Deploy;
using Provisioning.Deployment;
using Provisioning.Secrets;
using Provisioning.Secrets.Rotation;

namespace Provisioning.Cli.Commands;

/// <summary>What <c>secrets rotate jwt|database</c> was asked, after parsing.</summary>
/// <param name="Roles">The database roles to rotate, in order (empty for jwt).</param>
internal sealed record SecretsRotateInvocation(string What, string Environment, string EnvironmentDirectory, IReadOnlyList<string> Roles, bool DryRun);

/// <summary>
/// <c>secrets rotate jwt</c> and <c>secrets rotate database [--role …]</c>: the procedures of docs/security.md
/// ("Rotation") end to end against Azure (<see cref="JwtRotation"/>, <see cref="DatabaseRotation"/>), resuming from
/// the vault's state after an interruption. <c>--dry-run</c> reads the vault and prints the steps; it writes nothing.
/// </summary>
internal static class SecretsRotateCommand
{
    public const string Jwt = "jwt";
    public const string Database = "database";

    public static Command Create()
    {
        var command = new Command("rotate",
            "Rotates a secret with no failed request, step by step, each step saying what it does. An interrupted rotation resumes where it " +
            "stopped when run again (its progress is kept in tags on the vault's secrets, never a value). Needs the Azure CLI signed in, " +
            "AZURE_SUBSCRIPTION_ID and AZURE_RESOURCE_GROUP, like deploy. docs/security.md, \"Rotation\", explains each procedure.");
        command.Subcommands.Add(Create(Jwt,
            "Rotates the JWT signing key: a new key the backend accepts first, then current for the issuers (frontend, mcp, probe), then, after the " +
            "longest token life plus Container Apps' secret refresh (45 minutes), the old key refused and jwt-secret-key-previous disabled with its grant removed. " +
            "Exit 0 done, 1 a step failed (re-run to resume), 2 invalid input." + GenerateCommand.ErrorsAndExample("secrets rotate jwt -e dev --dry-run"),
            withRole: false));
        command.Subcommands.Add(Create(Database,
            "Rotates database passwords. The backend's and the probe's roles alternate between two logins (the role and <role>_alt, same privileges): " +
            "the login not in use gets a new password, the migration job sets it, the URL moves to it, the component rolls out, and the old login's " +
            "password is replaced and applied. The owner's and the administrator's passwords, used by the migration job only, change in place. " +
            "Exit 0 done, 1 a step failed (re-run to resume), 2 invalid input." + GenerateCommand.ErrorsAndExample("secrets rotate database -e dev --role todo_app"),
            withRole: true));
        return command;
    }

    private static Command Create(string what, string description, bool withRole)
    {
        var env = CliOptions.Environment("The environment (env/<name>.json) whose secret to rotate.");
        env.Required = true;
        var roles = new Option<string[]>("--role")
        {
            Description = $"A database role to rotate (repeatable): {string.Join(", ", DatabaseRotation.Roles(TodoSystem.Description))}. Default: all of them, in that order.",
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read the vault and print the steps the rotation would take from here; change nothing." };
        var envDir = CliOptions.EnvDir();
        var command = new Command(what, description);
        foreach (var option in withRole ? new Option[] { env, roles, dryRun, envDir } : [env, dryRun, envDir])
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) =>
        {
            var invocation = new SecretsRotateInvocation(what, parse.GetValue(env)!, parse.EnvironmentDirectory(envDir),
                withRole ? parse.GetValue(roles) ?? [] : [], parse.GetValue(dryRun));
            return RunAsync(invocation, System.Environment.GetEnvironmentVariable, request => request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <param name="adapt">Tests: the tool folder, child environment and ARM stand-in of the deployment request.</param>
    public static async Task<int> RunAsync(SecretsRotateInvocation invocation, Func<string, string?> variables, Func<DeploymentRequest, DeploymentRequest> adapt,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(adapt);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var me = $"secrets rotate {invocation.What}";
        var configuration = EnvironmentFile.Load(invocation.EnvironmentDirectory, invocation.Environment, error);
        if (configuration is null)
        {
            return ExitCodes.InvalidInput;
        }
        var system = TodoSystem.Description;
        var known = DatabaseRotation.Roles(system);
        var unknown = invocation.Roles.Where(r => !known.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"{me}: --role {string.Join(", ", unknown)}: not a database role of the system. Fix: use one of {string.Join(", ", known)}.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        var request = adapt(new DeploymentRequest(invocation.Environment, configuration, RepositoryPaths.Root(), invocation.EnvironmentDirectory, Azd: false, variables));
        var missing = new[] { PlatformSettingNames.SubscriptionId, PlatformSettingNames.ResourceGroup }.Where(v => request.Value(v) is null).ToList();
        if (missing.Count > 0)
        {
            await error.WriteLineAsync($"{me}: {string.Join(" and ", missing)} not set. Fix: {string.Join("; ", missing.Select(v => request.HowToSet(v, "<value>")))}.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var az = new AzureCli(request.RepositoryRoot, output, error, request.ToolFolder, request.ChildEnvironment);
        using var stages = new AzureStages(request, az, output, error);
        try
        {
            var access = request.Arm();
            var arm = new ArmVault(access.Credential, access.Options());
            var target = await arm.FindTargetAsync(request.Value(PlatformSettingNames.SubscriptionId)!, request.ResourceGroup!, cancellationToken).ConfigureAwait(false);
            var tags = await arm.GetVaultTagsAsync(target, cancellationToken).ConfigureAwait(false);
            if (!tags.TryGetValue(SecretsInitializer.EnvironmentTag, out var owner) || owner != invocation.Environment)
            {
                await error.WriteLineAsync($"{me}: the vault {target.VaultName} in {target.ResourceGroup} is tagged {SecretsInitializer.EnvironmentTag}={owner ?? "(none)"}, not {invocation.Environment}: nothing was changed. Fix: set AZURE_RESOURCE_GROUP to the group environment {invocation.Environment} is deployed in.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            var platform = new AzureRotationPlatform(request, az, stages.Actions, target, output);
            var context = new RotationContext(system, new ArmRotationVault(arm, target), platform, TimeProvider.System, RotationContext.ContractTokenLifetime);
            // One plan at a time: each reads the vault after the one before it finished (a dry run: as it is now).
            foreach (var plan in invocation.What == Jwt ? [Jwt] : invocation.Roles.Count > 0 ? invocation.Roles : known)
            {
                var steps = plan == Jwt
                    ? await JwtRotation.PlanAsync(context, cancellationToken).ConfigureAwait(false)
                    : await DatabaseRotation.PlanAsync(context, plan, cancellationToken).ConfigureAwait(false);
                if (invocation.DryRun)
                {
                    steps.Print(output);
                }
                else
                {
                    await steps.RunAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
            await output.WriteLineAsync(invocation.DryRun ? $"{me}: dry run, nothing was changed." : $"{me}: {invocation.Environment}: done.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is RotationException or SecretsInitException or StageFailedException)
        {
            await error.WriteLineAsync($"{me}: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync($"{me}: stopped; run the same command again to resume from the vault's state.").ConfigureAwait(false);
            return e is StageFailedException { ExitCode: ExitCodes.InvalidInput } ? ExitCodes.InvalidInput : ExitCodes.CheckFailed;
        }
        catch (AuthenticationFailedException e)
        {
            await error.WriteLineAsync($"{me}: cannot sign in to Azure ({e.Message.Split('\n')[0].Trim()}). Fix: run `az login` or `azd auth login`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID with a federated credential.").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
        catch (RequestFailedException e)
        {
            await error.WriteLineAsync($"{me}: cannot reach Azure Resource Manager: {e.Message.Split('\n')[0].Trim()}; run the same command again to resume.").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
    }
}
