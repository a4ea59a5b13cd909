using System.Text.Json.Nodes;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// Issue 12: the probe's platform checks read the migration job and each app's revisions through ARM with the probe's
/// identity. The evaluated deployment grants that identity exactly Reader on the job and ContainerApp Reader on each
/// app (never the resource group), gives the probe the settings that turn the checks on, and alerts on both checks.
/// </summary>
[TestClass]
public sealed class PlatformAccessTests
{
    private const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string ContainerAppReader = "ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b";
    private const string AssignmentSegment = "/providers/Microsoft.Authorization/roleAssignments/";

    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void The_probe_identity_reads_exactly_the_job_and_the_apps(string env)
    {
        var resources = GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject()).ToList();
        var group = $"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-todo-{env}";
        var expected = new[]
        {
            $"{Reader} {group}/providers/Microsoft.App/jobs/caj-todo-{env}-migrate",
            $"{ContainerAppReader} {group}/providers/Microsoft.App/containerApps/ca-todo-{env}-frontend",
            $"{ContainerAppReader} {group}/providers/Microsoft.App/containerApps/ca-todo-{env}-backend",
            $"{ContainerAppReader} {group}/providers/Microsoft.App/containerApps/ca-todo-{env}-mcp",
        };

        // Every grant of either role, to anyone: only these four, all to the probe.
        var grants = resources
            .Where(r => (string)r["type"]! == "Microsoft.Authorization/roleAssignments")
            .Select(r => (Id: (string)r["id"]!, Role: (string)r["properties"]!["roleDefinitionId"]!, Principal: (string)r["properties"]!["principalId"]!))
            .Where(g => g.Role.EndsWith(Reader, StringComparison.OrdinalIgnoreCase) || g.Role.EndsWith(ContainerAppReader, StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var grant in grants)
        {
            StringAssert.Contains(grant.Principal, "-probe", $"{grant.Id}: granted to the probe's identity");
        }
        var actual = grants.Select(g => $"{g.Role[(g.Role.LastIndexOf('/') + 1)..]} {g.Id[..g.Id.IndexOf(AssignmentSegment, StringComparison.Ordinal)]}")
            .Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(expected.Order(StringComparer.Ordinal).ToList(), actual, string.Join("\n", actual));

        var probe = resources.Single(r => (string)r["type"]! == "Microsoft.App/containerApps" && (string?)r["kind"] == "functionapp");
        var settings = probe["properties"]!["template"]!["containers"]!.AsArray()
            .SelectMany(c => c!["env"]?.AsArray() ?? []).Select(e => e!.AsObject())
            .Where(e => e["value"] is not null)
            .ToDictionary(e => (string)e["name"]!, e => (string)e["value"]!);
        Assert.AreEqual("00000000-0000-0000-0000-000000000001", settings["AZURE_SUBSCRIPTION_ID"]);
        Assert.AreEqual($"rg-todo-{env}", settings["AZURE_RESOURCE_GROUP"]);
        Assert.AreEqual($"caj-todo-{env}-migrate", settings["MIGRATION_JOB_NAME"]);
        Assert.AreEqual($"ca-todo-{env}-frontend,ca-todo-{env}-backend,ca-todo-{env}-mcp", settings["PLATFORM_APP_NAMES"]);
        Assert.IsTrue(settings.ContainsKey("AZURE_CLIENT_ID"), "the identity's client id");
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void Both_platform_checks_have_an_alert_rule(string env)
    {
        var rules = GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject())
            .Where(r => (string)r["type"]! == "Microsoft.Insights/scheduledQueryRules")
            .ToList();
        foreach (var check in new[] { "platform.migration", "platform.revisions" })
        {
            var matching = rules.Where(r => r["properties"]!["criteria"]!["allOf"]!.AsArray()
                .Any(c => ((string)c!["query"]!).Contains($"name == '{check}'", StringComparison.Ordinal))).ToList();
            Assert.HasCount(1, matching, $"{env}: one per-check rule for {check}");
        }
    }
}
