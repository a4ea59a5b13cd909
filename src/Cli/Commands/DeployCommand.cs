using System.CommandLine;
using Provisioning.Cli.Deploy;
using Provisioning.Deployment;
using Provisioning.Environments.Configuration;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>deploy</c>: carries one environment through the stages of <see cref="DeploymentStages.All"/> in Azure, all of
/// them or a slice. The azd hooks are thin callers of this command (preprovision: check … migration, and the hand-over
/// of main.bicep; postprovision: verification), and the az path is this command alone, so both run the same stages.
/// </summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var environment = CliOptions.Environment("The environment (env/<name>.json, generated/<name>/) to deploy (default: $AZURE_ENV_NAME).");
        var only = new Option<string>("--stage") { Description = "Run this one stage only." };
        var from = new Option<string>("--from") { Description = "Start at this stage (the earlier ones must have run)." };
        var through = new Option<string>("--through") { Description = "Stop after this stage." };
        var azd = new Option<bool>("--azd") { Description = "Run as an azd hook: values are also stored with `azd env set`, and the workloads stage hands main.bicep to azd provision." };
        var list = new Option<bool>("--list") { Description = "Print the stages, what each guarantees and how long a first deployment waits in it; deploy nothing." };
        var envDir = CliOptions.EnvDir();
        var stages = string.Join(" → ", DeploymentStages.All.Select(s => s.Name));
        var command = new Command("deploy",
            $"Deploys an environment in stages: {stages}. No workload that logs in to the database is created or updated before the " +
            "migration created its role and schema, and nothing is deployed before every required value is known (the check stage lists " +
            "them all). Needs the Azure CLI signed in, AZURE_RESOURCE_GROUP, AZURE_SUBSCRIPTION_ID, AZURE_LOCATION (first deployment) and " +
            "<COMPONENT>_SOURCE_IMAGE for each application image not deployed yet. No Docker engine: images are imported (az acr import) or built by ACR Tasks.\n" +
            "Exit: 0 deployed and verified, 1 a stage failed, 2 a value is missing or wrong (nothing deployed), 3 a security failure.\n" +
            "Example: dotnet run --project src/Cli -- deploy -e dev\n" +
            "Example: dotnet run --project src/Cli -- deploy -e dev --from images --through migration");
        foreach (var option in new Option[] { environment, only, from, through, azd, list, envDir })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(list))
            {
                foreach (var (stage, i) in DeploymentStages.All.Select((s, i) => (s, i)))
                {
                    output.WriteLine($"{i + 1}. {stage.Name}: {stage.Guarantee} (first deployment: {stage.FirstDeploymentWait}; {stage.Source})");
                }
                return Task.FromResult(ExitCodes.Success);
            }
            var (selected, problem) = StageSelection.Select(parse.GetValue(only), parse.GetValue(from), parse.GetValue(through));
            var name = parse.GetValue(environment) ?? System.Environment.GetEnvironmentVariable("AZURE_ENV_NAME");
            if (problem is null && string.IsNullOrWhiteSpace(name))
            {
                problem = "-e/--environment is missing and AZURE_ENV_NAME is not set. Fix: pass -e <dev|staging|prod>, or select one with 'azd env select <name>'.";
            }
            var configuration = problem is null ? ConfigurationLoader.LoadAll(parse.EnvironmentDirectory(envDir)).FirstOrDefault(c => c.Name == name) : null;
            if (problem is null && configuration is null)
            {
                problem = $"-e {SecretRedaction.Describe(name!)}: there is no env/{name}.json. Fix: name a file of {parse.EnvironmentDirectory(envDir)}.";
            }
            if (problem is not null)
            {
                error.WriteLine($"deploy: {problem}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
            var request = new DeploymentRequest(name!, configuration!, RepositoryPaths.Root(), parse.EnvironmentDirectory(envDir), parse.GetValue(azd), System.Environment.GetEnvironmentVariable);
            return RunAsync(request, selected, output, error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(DeploymentRequest request, IReadOnlyList<DeploymentStage> stages, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var az = new AzureCli(request.RepositoryRoot, output, error, request.ToolFolder, request.ChildEnvironment);
        using var target = new AzureStages(request, az, output, error);
        try
        {
            await StageRunner.RunAsync(stages, target.Actions, output, "deploy", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"deploy: {request.EnvironmentName}: {string.Join(", ", stages.Select(s => s.Name))} done.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (StageFailedException failure)
        {
            await error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            return failure.ExitCode;
        }
    }
}
