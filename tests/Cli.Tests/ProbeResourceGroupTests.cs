using System.Text.Json;
using Provisioning.Cli.Commands;
using Provisioning.Probes.Platform;
using Provisioning.Probes.Tests.Arm;
using Provisioning.ProbeServers;

namespace Provisioning.Cli.Tests;

/// <summary>
/// <c>probe --resource-group</c>: URLs and names from the latest deployment's outputs, read with the real Azure SDK
/// pipeline from a local stand-in of Azure Resource Manager; the platform checks join the run.
/// </summary>
[TestClass]
public sealed class ProbeResourceGroupTests
{
    private const string Job = "caj-todo-test-migrate";
    private static readonly DateTimeOffset DeployedAt = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static TodoStack stack = null!;

    [ClassInitialize]
    public static async Task StartStack(TestContext context) => stack = await TodoStack.StartAsync();

    [ClassCleanup]
    public static async Task StopStack() => await stack.DisposeAsync();

    [TestMethod]
    public async Task Urls_and_platform_targets_come_from_the_latest_deployment_and_the_platform_checks_run()
    {
        await using var arm = await ArmStandIn.StartAsync();
        SetDeployment(arm, stack.Frontend.Url, stack.Backend.Url, stack.McpUrl);
        SetHealthyPlatform(arm, "127"); // the app name is the first label of each URL's host: 127.0.0.1 here

        var (exit, output, error) = await RunAsync(arm, Invocation(json: true));

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => (Outcome: r.GetProperty("outcome").GetString(), Reason: r.GetProperty("reason").GetString()));
        Assert.AreEqual("pass", results["frontend.reachable"].Outcome, "the frontend URL came from the deployment's outputs");
        Assert.AreEqual("pass", results["mcp.backend"].Outcome);
        Assert.AreEqual("pass", results[CheckNames.PlatformMigration].Outcome, results[CheckNames.PlatformMigration].Reason);
        StringAssert.Contains(results[CheckNames.PlatformMigration].Reason, "after the deployment at 2026-11-28T10:00:00Z");
        Assert.AreEqual("pass", results[CheckNames.PlatformRevisions].Outcome, results[CheckNames.PlatformRevisions].Reason);
        Assert.AreEqual("fail", results["database.schema"].Outcome, "no database in this test");
        Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
        Assert.AreEqual(1, arm.CountOf(ArmStandIn.DeploymentsPath));
        Assert.IsTrue(arm.Requests.All(r => r.Authorized));
    }

    [TestMethod]
    public async Task Explicit_url_options_win_over_the_deployment_outputs()
    {
        await using var arm = await ArmStandIn.StartAsync();
        var closed = new Uri("http://127.0.0.1:9/");
        SetDeployment(arm, closed, stack.Backend.Url, stack.McpUrl);
        SetHealthyPlatform(arm, "127");

        var (_, output, _) = await RunAsync(arm, Invocation() with { FrontendUrl = stack.Frontend.Url.ToString() });

        StringAssert.Contains(Row(output, "frontend.reachable"), "PASS");
    }

    [TestMethod]
    public async Task Throttled_deployment_list_is_retried_after_Retry_After()
    {
        await using var arm = await ArmStandIn.StartAsync();
        SetDeployment(arm, stack.Frontend.Url, stack.Backend.Url, stack.McpUrl);
        SetHealthyPlatform(arm, "127");
        arm.Throttle(ArmStandIn.DeploymentsPath, times: 2, retryAfterSeconds: 1);

        var (_, output, error) = await RunAsync(arm, Invocation());

        StringAssert.Contains(Row(output, "frontend.reachable"), "PASS", error);
        Assert.AreEqual(3, arm.CountOf(ArmStandIn.DeploymentsPath));
    }

    [TestMethod]
    public async Task Missing_permission_on_the_deployments_exits_2_and_says_what_to_grant()
    {
        await using var arm = await ArmStandIn.StartAsync();
        arm.Forbid(ArmStandIn.DeploymentsPath, ArmStandIn.ResourceGroupId, "Microsoft.Resources/deployments/read", "7777aaaa-0000-0000-0000-000000000000");

        var (exit, output, error) = await RunAsync(arm, Invocation());

        Assert.AreEqual(ExitCodes.InvalidInput, exit, output);
        StringAssert.Contains(error,
            $"--resource-group {ArmStandIn.ResourceGroup}: cannot read its deployments: permission: grant 'Reader' on {ArmStandIn.ResourceGroupId} to object id 7777aaaa-0000-0000-0000-000000000000");
        Assert.AreEqual("", output, "nothing was checked");
    }

    [TestMethod]
    public async Task A_resource_group_without_an_environment_deployment_exits_2()
    {
        await using var arm = await ArmStandIn.StartAsync();
        arm.Set(ArmStandIn.DeploymentsPath, ArmStandIn.List(
            ArmStandIn.Deployment("bootstrap", "Succeeded", DeployedAt, new Dictionary<string, string> { ["AZURE_CONTAINER_REGISTRY_NAME"] = "crtodotest" })));

        var (exit, _, error) = await RunAsync(arm, Invocation());

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error, "no succeeded deployment with a FRONTEND_URL output");
    }

    [TestMethod]
    public async Task Without_a_subscription_nothing_is_asked_of_ARM()
    {
        await using var arm = await ArmStandIn.StartAsync();

        var (exit, _, error) = await RunAsync(arm, Invocation() with { Subscription = null });

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error, "no subscription: pass --subscription or set AZURE_SUBSCRIPTION_ID");
        Assert.IsEmpty(arm.Requests);
    }

    [TestMethod]
    public async Task A_failed_migration_on_the_platform_fails_the_run()
    {
        await using var arm = await ArmStandIn.StartAsync();
        SetDeployment(arm, stack.Frontend.Url, stack.Backend.Url, stack.McpUrl);
        SetHealthyPlatform(arm, "127");
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, Job + "-e9", "Failed", DeployedAt.AddMinutes(1), DeployedAt.AddMinutes(2))));

        var (exit, output, _) = await RunAsync(arm, Invocation());

        Assert.AreEqual(ExitCodes.CheckFailed, exit);
        StringAssert.Contains(Row(output, CheckNames.PlatformMigration), "ended Failed");
    }

    private static ProbeInvocation Invocation(bool json = false) =>
        new("test", Json: json, ResourceGroup: ArmStandIn.ResourceGroup, Subscription: ArmStandIn.SubscriptionId);

    private static void SetDeployment(ArmStandIn arm, Uri frontend, Uri backend, Uri mcp) =>
        arm.Set(ArmStandIn.DeploymentsPath, ArmStandIn.List(ArmStandIn.Deployment("main", "Succeeded", DeployedAt, new Dictionary<string, string>
        {
            ["FRONTEND_URL"] = frontend.ToString(),
            ["BACKEND_URL"] = backend.ToString(),
            ["MCP_URL"] = mcp.ToString(),
            ["MIGRATION_JOB_NAME"] = Job,
        })));

    private static void SetHealthyPlatform(ArmStandIn arm, string app)
    {
        arm.Set(ArmStandIn.JobPath(Job) + "/executions", ArmStandIn.List(
            ArmStandIn.Execution(Job, Job + "-e1", "Succeeded", DeployedAt.AddMinutes(1), DeployedAt.AddMinutes(2))));
        arm.Set(ArmStandIn.AppPath(app) + "/revisions", ArmStandIn.List(ArmStandIn.Revision(app, app + "--r1", DeployedAt)));
    }

    private static string Row(string table, string check) =>
        table.Split('\n').SingleOrDefault(l => l.StartsWith(check + " ", StringComparison.Ordinal)) ?? throw new AssertFailedException($"no {check} row:\n{table}");

    private static async Task<(int Exit, string Out, string Err)> RunAsync(ArmStandIn arm, ProbeInvocation invocation)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Func<string, string?> environment = name => name switch
        {
            "JWT_SECRET_KEY" => stack.JwtSecretKey,
            "DATABASE_URL" => TodoStack.UnreachableDatabaseUrl(),
            "PROBE_CHECK_TIMEOUT_SECONDS" => "10",
            "PROBE_RUN_DEADLINE_SECONDS" => "20",
            _ => null,
        };
        var exit = await ProbeCommand.RunAsync(invocation, environment, Path.GetTempPath(), output, error, CancellationToken.None,
                () => new ArmAccess(new ArmStandIn.StaticToken(), arm.Options))
            .WaitAsync(TimeSpan.FromSeconds(90));
        return (exit, output.ToString(), error.ToString());
    }
}
