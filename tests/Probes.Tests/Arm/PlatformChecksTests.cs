using Provisioning.Probes.Platform;

namespace Provisioning.Probes.Tests.Arm;

/// <summary>
/// The two platform checks with the real Azure SDK pipeline against <see cref="ArmStandIn"/>: healthy platform,
/// throttling, missing permissions, a failed or stale migration and unhealthy revisions.
/// </summary>
[TestClass]
public sealed class PlatformChecksTests
{
    private const string Job = "caj-todo-test-migrate";
    private static readonly string[] Apps = ["ca-todo-test-frontend", "ca-todo-test-backend", "ca-todo-test-mcp"];
    private static readonly DateTimeOffset DeployedAt = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task Healthy_platform_passes_both_checks_with_authorized_versioned_requests()
    {
        await using var arm = await HealthyAsync();

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Pass, FailureKind.None, "execution caj-todo-test-migrate-e2 of job caj-todo-test-migrate succeeded");
        Probe.AssertResult(report, CheckNames.PlatformRevisions, CheckOutcome.Pass, FailureKind.None, "ca-todo-test-backend ca-todo-test-backend--r2");
        Assert.IsTrue(arm.Requests.All(r => r.Authorized), "every request carries the credential's bearer token");
        Assert.IsTrue(arm.Requests.All(r => r.Request.Contains("api-version=2024-03-01", StringComparison.Ordinal)), string.Join("\n", arm.Requests));
    }

    [TestMethod]
    public async Task Without_a_known_deployment_time_the_job_last_write_is_the_reference()
    {
        await using var arm = await HealthyAsync();
        // The job was rewritten (deployed) after the last execution started.
        arm.Set(ArmStandIn.JobPath(Job), ArmStandIn.Job(Job, DeployedAt.AddMinutes(5)));

        var report = await RunAsync(arm, Targets() with { DeployedAt = null });

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Status, "stale migration");
        StringAssert.Contains(report[CheckNames.PlatformMigration].Reason, "before the latest deployment (2026-11-28T10:05:00Z)");
        Assert.AreEqual(1, arm.CountOf(ArmStandIn.JobPath(Job)));
    }

    [TestMethod]
    public async Task Throttled_requests_are_retried_after_Retry_After_and_then_pass()
    {
        await using var arm = await HealthyAsync();
        var executions = ArmStandIn.JobPath(Job) + "/executions";
        arm.Throttle(executions, times: 2, retryAfterSeconds: 1);
        var revisions = ArmStandIn.AppPath(Apps[1]) + "/revisions";
        arm.Throttle(revisions, times: 1, retryAfterSeconds: 1);

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.PlatformRevisions, CheckOutcome.Pass, FailureKind.None);
        Assert.AreEqual(3, arm.CountOf(executions), "two 429s, then the answer");
        Assert.AreEqual(2, arm.CountOf(revisions));
    }

    [TestMethod]
    public async Task Throttling_longer_than_the_check_timeout_ends_as_a_timeout()
    {
        await using var arm = await HealthyAsync();
        arm.Throttle(ArmStandIn.JobPath(Job) + "/executions", times: 5, retryAfterSeconds: 600);

        var report = await RunAsync(arm, Targets(), TimeSpan.FromSeconds(2));

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Timeout);
    }

    [TestMethod]
    public async Task Missing_permission_on_the_job_says_which_role_to_grant_on_which_scope_to_whom()
    {
        await using var arm = await HealthyAsync();
        arm.Forbid(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.JobPath(Job), "Microsoft.App/jobs/executions/read", "11111111-2222-3333-4444-555555555555");

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Configuration,
            $"permission: grant 'Reader' on {ArmStandIn.JobPath(Job)} to object id 11111111-2222-3333-4444-555555555555");
        StringAssert.EndsWith(report[CheckNames.PlatformMigration].Reason, "; ARM refused Microsoft.App/jobs/executions/read", "the reason is whole, not cut");
        Assert.AreEqual(1, arm.CountOf(ArmStandIn.JobPath(Job) + "/executions"), "a 403 is not retried");
    }

    [TestMethod]
    public async Task Missing_permission_on_one_app_names_the_container_app_reader_role_on_that_app()
    {
        await using var arm = await HealthyAsync();
        arm.Forbid(ArmStandIn.AppPath(Apps[2]) + "/revisions", ArmStandIn.AppPath(Apps[2]), "Microsoft.App/containerApps/revisions/read", "99999999-0000-0000-0000-000000000001");

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformRevisions, CheckOutcome.Fail, FailureKind.Configuration,
            $"grant 'ContainerApp Reader' on {ArmStandIn.AppPath(Apps[2])} to object id 99999999-0000-0000-0000-000000000001");
        Assert.DoesNotContain(Apps[0], report[CheckNames.PlatformRevisions].Reason, "healthy apps are not blamed");
    }

    [TestMethod]
    public async Task A_failed_latest_execution_fails_with_its_name_and_how_to_read_its_logs()
    {
        await using var arm = await HealthyAsync();
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e1", "Succeeded", DeployedAt.AddDays(-1), DeployedAt.AddDays(-1).AddMinutes(1)),
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e3", "Failed", DeployedAt.AddMinutes(3), DeployedAt.AddMinutes(4))));

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Status,
            "the latest execution caj-todo-test-migrate-e3 of job caj-todo-test-migrate (started 2026-11-28T10:03:00Z) ended Failed");
        StringAssert.Contains(report[CheckNames.PlatformMigration].Reason, "az containerapp job logs show -g rg-todo-test -n caj-todo-test-migrate --execution caj-todo-test-migrate-e3");
    }

    [TestMethod]
    public async Task An_execution_older_than_the_deployment_is_a_stale_migration()
    {
        await using var arm = await HealthyAsync();
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e1", "Succeeded", DeployedAt.AddHours(-2), DeployedAt.AddHours(-2).AddMinutes(1))));

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Status,
            "stale migration: the latest execution caj-todo-test-migrate-e1 of job caj-todo-test-migrate started 2026-11-28T08:00:00Z, before the latest deployment (2026-11-28T10:00:00Z)");
        StringAssert.Contains(report[CheckNames.PlatformMigration].Reason, "az containerapp job start -g rg-todo-test -n caj-todo-test-migrate");
    }

    [TestMethod]
    public async Task A_job_that_never_ran_and_a_job_still_running_fail()
    {
        await using var arm = await HealthyAsync();
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List());
        Probe.AssertResult(await RunAsync(arm, Targets()), CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Status, "has never run");

        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e4", "Running", DeployedAt.AddMinutes(1), null)));
        Probe.AssertResult(await RunAsync(arm, Targets()), CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Status, "is still Running");
    }

    [TestMethod]
    public async Task An_unhealthy_latest_revision_is_named_with_its_states_even_if_an_older_one_is_healthy()
    {
        await using var arm = await HealthyAsync();
        arm.Set(ArmStandIn.AppPath(Apps[1]) + "/revisions", ArmStandIn.List(
            ArmStandIn.Revision(Apps[1], "ca-todo-test-backend--r1", DeployedAt.AddDays(-1), trafficWeight: 100),
            ArmStandIn.Revision(Apps[1], "ca-todo-test-backend--r2", DeployedAt, runningState: "Degraded", healthState: "Unhealthy", trafficWeight: 0)));

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformRevisions, CheckOutcome.Fail, FailureKind.Status,
            "ca-todo-test-backend: latest revision ca-todo-test-backend--r2 (created 2026-11-28T10:00:00Z) is runningState Degraded, healthState Unhealthy, takes no traffic");
        Assert.DoesNotContain(Apps[0], report[CheckNames.PlatformRevisions].Reason);
    }

    [TestMethod]
    public async Task A_failed_provisioning_is_reported_with_ARM_s_error()
    {
        await using var arm = await HealthyAsync();
        arm.Set(ArmStandIn.AppPath(Apps[0]) + "/revisions", new
        {
            value = new[]
            {
                new
                {
                    name = "ca-todo-test-frontend--r9",
                    properties = new
                    {
                        createdTime = DeployedAt.ToString("O"), active = false, replicas = 0, trafficWeight = 0, healthState = "None",
                        provisioningState = "Failed", runningState = "Failed",
                        provisioningError = "Operation expired: image todo-frontend:1.0.0 could not be pulled",
                    },
                },
            },
        });

        var report = await RunAsync(arm, Targets());

        Probe.AssertResult(report, CheckNames.PlatformRevisions, CheckOutcome.Fail, FailureKind.Status,
            "provisioningState Failed (Operation expired: image todo-frontend:1.0.0 could not be pulled), runningState Failed, healthState None, inactive");
    }

    [TestMethod]
    public async Task A_wrong_job_name_is_a_configuration_problem()
    {
        await using var arm = await HealthyAsync();

        var report = await RunAsync(arm, Targets() with { MigrationJobName = "caj-nope" });

        Probe.AssertResult(report, CheckNames.PlatformMigration, CheckOutcome.Fail, FailureKind.Configuration,
            $"not found: {ArmStandIn.JobPath("caj-nope")} does not exist (ResourceNotFound)");
    }

    [TestMethod]
    public async Task The_latest_environment_deployment_is_the_newest_succeeded_one_with_the_environment_outputs()
    {
        await using var arm = await ArmStandIn.StartAsync();
        var outputs = new Dictionary<string, string> { ["FRONTEND_URL"] = "https://ca-todo-test-frontend.example.invalid", ["MIGRATION_JOB_NAME"] = Job };
        arm.Set(ArmStandIn.DeploymentsPath, ArmStandIn.List(
            ArmStandIn.Deployment("main-old", "Succeeded", DeployedAt.AddDays(-2), outputs),
            ArmStandIn.Deployment("main", "Succeeded", DeployedAt, outputs),
            ArmStandIn.Deployment("main-broken", "Failed", DeployedAt.AddHours(1), outputs),
            ArmStandIn.Deployment("bootstrap", "Succeeded", DeployedAt.AddHours(2), new Dictionary<string, string> { ["AZURE_CONTAINER_REGISTRY_NAME"] = "crtodo" })));

        var deployment = await arm.Reader().GetLatestEnvironmentDeploymentAsync(CancellationToken.None);

        Assert.IsNotNull(deployment);
        Assert.AreEqual("main", deployment.Name);
        Assert.AreEqual(DeployedAt, deployment.Timestamp);
        Assert.AreEqual(Job, deployment.Outputs["migration_job_name"], "output names are case-insensitive");
    }

    private static PlatformTargets Targets() => new(ArmStandIn.ResourceGroup, Job, Apps, DeployedAt);

    /// <summary>A platform where everything is right: the last execution ran after the deployment and succeeded.</summary>
    private static async Task<ArmStandIn> HealthyAsync()
    {
        var arm = await ArmStandIn.StartAsync();
        arm.Set(ArmStandIn.JobPath(Job), ArmStandIn.Job(Job, DeployedAt));
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e1", "Succeeded", DeployedAt.AddDays(-1), DeployedAt.AddDays(-1).AddMinutes(1)),
            ArmStandIn.Execution(Job, "caj-todo-test-migrate-e2", "Succeeded", DeployedAt.AddMinutes(2), DeployedAt.AddMinutes(3))));
        foreach (var app in Apps)
        {
            arm.Set(ArmStandIn.AppPath(app) + "/revisions", ArmStandIn.List(
                ArmStandIn.Revision(app, app + "--r1", DeployedAt.AddDays(-1), active: false, trafficWeight: 0, runningState: "Stopped", healthState: "None"),
                ArmStandIn.Revision(app, app + "--r2", DeployedAt)));
        }
        return arm;
    }

    private static async Task<ProbeReport> RunAsync(ArmStandIn arm, PlatformTargets targets, TimeSpan? checkTimeout = null)
    {
        var settings = Probe.DatabaseOnlySettings("Host=127.0.0.1;Port=9;Database=todo;Username=probe;Password=unused-here", checkTimeout ?? TimeSpan.FromSeconds(20));
        return await Probe.RunAsync(settings, PlatformChecks.Create(arm.Reader(), targets));
    }
}
