using System.Text.RegularExpressions;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// The probe app's WEBSITE_CLOUD_ROLENAME is the cloud role name every alert query filters on: the Functions worker
/// stamps that setting on each availability result, so any other value would leave every alert blind.
/// </summary>
[TestClass]
public sealed partial class ProbeTelemetryTests
{
    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void The_probe_reports_under_the_role_name_the_alerts_query(string env)
    {
        var resources = GeneratedEnvironments.Get().PredictedResources(env).Select(r => r!.AsObject()).ToList();
        var probe = resources.Single(r => (string)r["type"]! == "Microsoft.App/containerApps" && (string?)r["tags"]!["azd-service-name"] == "probe");
        var setting = probe["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray()
            .Single(e => (string)e!["name"]! == "WEBSITE_CLOUD_ROLENAME")!;

        var queried = resources.Where(r => (string)r["type"]! == "Microsoft.Insights/scheduledQueryRules")
            .Select(r => RoleFilter().Match((string)r["properties"]!["criteria"]!["allOf"]![0]!["query"]!).Groups[1].Value)
            .Distinct()
            .ToList();

        CollectionAssert.AreEqual(new[] { (string)setting["value"]! }, queried);
        Assert.AreEqual(ProbeTelemetry.CloudRoleName, (string)setting["value"]!, "the name the probe's own telemetry code uses");
    }

    [GeneratedRegex("cloud_RoleName == '([^']*)'")]
    private static partial Regex RoleFilter();
}
