using System.CommandLine;
using Provisioning.Cli.Deploy;
using Provisioning.Environments.Configuration;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>teardown check</c> (the azd predown hook) and <c>teardown unlock</c>: deleting an environment is a decision, so
/// for a production-tier environment <c>azd down</c> is refused while the resource group holds locks, and the only
/// way past is a command that names the environment twice. Either way it says what a deleted Key Vault leaves behind.
/// </summary>
internal static class TeardownCommand
{
    private const string Me = "teardown";

    public static Command Create()
    {
        var command = new Command("teardown", "What deleting an environment does, and the guard in front of a production-tier one.");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Unlock());
        return command;
    }

    private static Command Check()
    {
        var (environment, envDir) = (EnvironmentOption(), CliOptions.EnvDir());
        var command = new Command("check",
            "Run by the azd predown hook before `azd down`. A non-production environment may go (exit 0); a production-tier one is refused " +
            "(exit 1) while its resource group holds management locks, until `teardown unlock` removed them. Prints what the Key Vault's " +
            "soft delete and purge protection mean for re-creating the environment.")
        {
            environment,
            envDir,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, environment, envDir, async (context, az) =>
        {
            var (configuration, group, output) = context;
            await output.WriteLineAsync($"{Me}: {AfterDeletion(configuration)}").ConfigureAwait(false);
            if (!configuration.IsProduction)
            {
                await output.WriteLineAsync($"{Me}: {configuration.Name} is not production-tier; azd down may delete resource group {group}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var locks = await LocksAsync(az, group, cancellationToken).ConfigureAwait(false);
            if (locks.Count == 0)
            {
                await output.WriteLineAsync($"{Me}: {configuration.Name} is production-tier and its locks were removed (teardown unlock); azd down may delete {group}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"{Me}: refused: {configuration.Name} is production-tier and resource group {group} holds {locks.Count} management lock(s), which keep its data from being deleted:{Environment.NewLine}" +
                Listed(locks.Select(l => DeploymentLocks.IsDeclared(l) ? l : $"{l} (not declared by this repository's templates)")) +
                $"  If deleting {configuration.Name} is really meant: dotnet run --project src/Cli -- teardown unlock -e {configuration.Name} --confirm {configuration.Name}, then azd down again.").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static Command Unlock()
    {
        var (environment, envDir) = (EnvironmentOption(), CliOptions.EnvDir());
        var confirm = new Option<string>("--confirm") { Description = "The environment's name again: deleting locks is never a default." };
        var allLocks = new Option<bool>("--all-locks")
        {
            Description = $"Also delete locks the templates do not declare (any name but '{DeploymentLocks.Name}'): someone else put them there, " +
                "and azd down cannot delete the group while one remains. Without it such a lock stops the command before anything is deleted.",
        };
        var command = new Command("unlock",
            $"Deletes the management locks the templates declare ('{DeploymentLocks.Name}' on the vault and the server) in the environment's resource group, " +
            "so `azd down` can delete it. The next deployment puts them back (main.bicep declares them). A lock of any other name is deleted only with " +
            "--all-locks. Needs Microsoft.Authorization/locks/delete (Owner or User Access Administrator).")
        {
            environment,
            envDir,
            confirm,
            allLocks,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, environment, envDir, async (context, az) =>
        {
            var (configuration, group, output) = context;
            if (parse.GetValue(confirm) != configuration.Name)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{Me}: nothing was unlocked: pass --confirm {configuration.Name} to delete the locks of {group}.").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }
            var locks = await LocksAsync(az, group, cancellationToken).ConfigureAwait(false);
            var others = locks.Where(l => !DeploymentLocks.IsDeclared(l)).ToList();
            if (others.Count > 0 && !parse.GetValue(allLocks))
            {
                // All or nothing: deleting only ours would leave the data unprotected and azd down still refused.
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"{Me}: nothing was unlocked: {group} holds {others.Count} lock(s) the templates do not declare, and azd down cannot delete the group while one remains:{Environment.NewLine}" +
                    Listed(others) +
                    $"  Fix: ask whoever set them, or delete them too: teardown unlock -e {configuration.Name} --confirm {configuration.Name} --all-locks.").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }
            foreach (var id in locks)
            {
                await az.RequireAsync(Me, ["lock", "delete", "--ids", id], $"deleting lock {id}", "sign in as someone with Microsoft.Authorization/locks/delete (Owner or User Access Administrator).", cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"{Me}: deleted {id}").ConfigureAwait(false);
            }
            await output.WriteLineAsync($"{Me}: {group} holds no lock; azd down may delete it. {AfterDeletion(configuration)}").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<string> EnvironmentOption() => CliOptions.Environment("The environment (default: $AZURE_ENV_NAME).");

    /// <summary>What deleting the group leaves behind: the vault's name, reserved while it is soft-deleted.</summary>
    private static string AfterDeletion(EnvironmentConfiguration configuration)
    {
        var days = configuration.KeyVault.SoftDeleteRetentionDays;
        return configuration.KeyVault.PurgeProtection
            ? $"its Key Vault has purge protection: once deleted it stays soft-deleted for {days} days and cannot be purged, its name reserved. Re-creating {configuration.Name} in the same resource group gets the same vault name: recover the vault (az keyvault recover; the check stage prints the command) or wait {days} days."
            : $"its Key Vault stays soft-deleted for {days} days, its name reserved: re-creating {configuration.Name} in the same group then needs az keyvault recover, or delete with azd down --purge to free the name at once.";
    }

    private static async Task<List<string>> LocksAsync(AzureCli az, string group, CancellationToken cancellationToken)
    {
        var ids = await az.RequireAsync(Me, ["lock", "list", "--resource-group", group, "--query", "[].id", "--output", "tsv"],
            $"listing the locks of {group}", "sign in (az login) as someone with Reader on the resource group.", cancellationToken).ConfigureAwait(false);
        return [.. ids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>Locks as the lines of a message: one each, indented under the sentence that names them.</summary>
    private static string Listed(IEnumerable<string> locks) => string.Concat(locks.Select(l => $"  - {l}{Environment.NewLine}"));

    private sealed record Context(EnvironmentConfiguration Configuration, string Group, TextWriter Output);

    private static async Task<int> RunAsync(ParseResult parse, Option<string> environment, Option<DirectoryInfo> envDir, Func<Context, AzureCli, Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        var name = parse.GetValue(environment) ?? System.Environment.GetEnvironmentVariable("AZURE_ENV_NAME");
        var group = System.Environment.GetEnvironmentVariable(PlatformSettingNames.ResourceGroup);
        var configuration = string.IsNullOrWhiteSpace(name) ? null : ConfigurationLoader.LoadAll(parse.EnvironmentDirectory(envDir)).FirstOrDefault(c => c.Name == name);
        var problems = new List<string>();
        if (configuration is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(name)
                ? "-e/--environment is missing and AZURE_ENV_NAME is not set. Fix: pass -e <env>."
                : $"there is no env/{SecretRedaction.Describe(name)}.json. Fix: name a file of {parse.EnvironmentDirectory(envDir)}.");
        }
        if (string.IsNullOrWhiteSpace(group))
        {
            problems.Add("AZURE_RESOURCE_GROUP is not set. Fix: export it (azd sets it from the environment).");
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"{Me}: {problem}").ConfigureAwait(false);
            }
            return ExitCodes.InvalidInput;
        }
        var output = parse.InvocationConfiguration.Output;
        try
        {
            return await action(new Context(configuration!, group!, output), new AzureCli(RepositoryPaths.Root(), output, error)).ConfigureAwait(false);
        }
        catch (Provisioning.Deployment.StageFailedException failure)
        {
            await error.WriteLineAsync($"{Me}: {failure.Message}").ConfigureAwait(false);
            return failure.ExitCode;
        }
    }
}
