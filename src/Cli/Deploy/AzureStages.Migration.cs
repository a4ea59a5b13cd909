using System.Diagnostics;
using System.Globalization;
using Provisioning.Cli.Commands;
using Provisioning.Deployment;
using Provisioning.Environments.Configuration;

namespace Provisioning.Cli.Deploy;

internal sealed partial class AzureStages
{
    /// <summary>
    /// Starts the migration job (data.bicep already set its image to this commit's bundle) and waits for the
    /// execution to end: <c>az containerapp job start</c> returns as soon as the execution exists.
    /// </summary>
    private async Task MigrationAsync(CancellationToken cancellationToken)
    {
        var stage = DeploymentStages.Migration;
        var job = await OutputAsync(stage, "data", OutputNames.MigrationJobName, cancellationToken).ConfigureAwait(false);
        var timeout = TimeSpan.FromSeconds(Seconds("MIGRATION_TIMEOUT_SECONDS", TodoSystem.Description.Component(TodoSystem.Migrate).Job!.CompletionWaitSeconds));
        var interval = TimeSpan.FromSeconds(Seconds("MIGRATION_POLL_SECONDS", 10));
        var execution = await az.RequireAsync(stage.Name, ["containerapp", "job", "start", "--resource-group", Group, "--name", job, "--query", "name", "--output", "tsv"],
            $"starting job {job}", "check that data.bicep deployed it (deploy --stage data) and that you may start it (Contributor on the group).", cancellationToken).ConfigureAwait(false);
        await Say($"started migration execution {execution} of job {job}").ConfigureAwait(false);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var status = await az.RequireAsync(stage.Name, ["containerapp", "job", "execution", "show", "--resource-group", Group, "--name", job,
                    "--job-execution-name", execution, "--query", "properties.status", "--output", "tsv"],
                $"reading execution {execution}", "sign in again and re-run deploy --from migration; the execution keeps running.", cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case "Succeeded":
                    await Say($"migrations applied ({execution}); every role the workloads log in with exists.").ConfigureAwait(false);
                    return;
                case "Failed" or "Stopped" or "Degraded":
                    throw new StageFailedException(ExitCodes.CheckFailed, $"migration execution {execution} ended {status}; no workload was changed. Read its logs: az containerapp job logs show -g {Group} -n {job} --execution {execution} --container migrate");
            }
            if (waited.Elapsed >= timeout)
            {
                throw new StageFailedException(ExitCodes.CheckFailed, $"migration execution {execution} still {status} after {(int)timeout.TotalSeconds} s (MIGRATION_TIMEOUT_SECONDS); the job keeps running, no workload was changed.");
            }
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The last stage: the first complete probe run after the workloads must be green (verify-deployment).</summary>
    private async Task VerificationAsync(CancellationToken cancellationToken)
    {
        var stage = DeploymentStages.Verification;
        var insights = request.Value(OutputNames.ApplicationInsightsName)
            ?? await OutputAsync(stage, "main", OutputNames.ApplicationInsightsName, cancellationToken).ConfigureAwait(false);
        var interval = TimeSpan.FromSeconds(ProbeSchedule.IntervalSeconds(request.Configuration.Probe.Schedule));
        var timeout = request.Value("VERIFY_TIMEOUT_SECONDS") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : interval + VerifyDeploymentCommand.IngestionAllowance;
        var poll = TimeSpan.FromSeconds(Seconds("VERIFY_POLL_SECONDS", 20));
        // verify-deployment runs az itself; the stage's name reaches it like every other call's.
        var verdict = await VerifyDeploymentCommand.RunAsync(new VerifyDeploymentCommand.Request(Env, Group, insights, DateTimeOffset.UtcNow, timeout, poll, az.Tool("az"))
            {
                AzEnvironment = new Dictionary<string, string>(request.ChildEnvironment) { ["DEPLOYMENT_STAGE"] = stage.Name },
            },
            TodoSystem.Description.Checks.Select(c => c.Name).ToList(), TodoSystem.Description.ProbeRoleName, output, error, cancellationToken).ConfigureAwait(false);
        if (verdict != 0)
        {
            throw new StageFailedException(verdict, "the deployment is not verified (the red checks are above).");
        }
    }

    private int Seconds(string variable, int fallback)
    {
        var text = request.Value(variable);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new StageFailedException(ExitCodes.InvalidInput, $"{variable} must be a whole number of seconds, not '{text}'.");
    }
}
