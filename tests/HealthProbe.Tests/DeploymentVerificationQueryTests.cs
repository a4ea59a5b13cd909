using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Issue 18.6: the query verify-deployment sends to Application Insights (ProbeRunQuery, the product file compiled
/// into this project) reads what the real host composition sends: evaluated offline by <see cref="KqlEvaluator"/> over
/// the availability results of a real run, shaped as the Azure CLI prints a query's table and parsed back by the
/// command's own reader, it yields every check of the run after the deployment with its verdict, outcome, component,
/// failure kind and reason, and nothing from before.
/// </summary>
[TestClass]
public sealed class DeploymentVerificationQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task The_verification_query_reads_every_result_of_the_run_after_the_deployment_as_the_host_sent_it()
    {
        var run = await RealCompositionRuns.Of("dev");
        var deployed = Now.AddMinutes(-10);
        var rows = BurnRateAlertTests.Rows(run, Now.AddMinutes(-20)).Concat(BurnRateAlertTests.Rows(run, Now.AddMinutes(-2))).ToList();

        var table = new KqlEvaluator(Now).Run(ProbeRunQuery.Text(deployed, ProbeTelemetry.CloudRoleName),
            new Dictionary<string, IReadOnlyList<Dictionary<string, object?>>> { ["availabilityResults"] = rows });
        var results = ProbeRunQuery.Parse(AsAzPrintsIt(table));

        Assert.HasCount(run.Availability.Count, results, "one run after the deployment; the one before it is not read");
        foreach (var sent in run.Availability)
        {
            var read = results.Single(r => r.Check == sent.Name);
            Assert.AreEqual(Now.AddMinutes(-2), read.Timestamp);
            Assert.AreEqual((bool)sent.BaseData["success"]!, read.Passed, sent.ToString());
            Assert.AreEqual(sent.Properties["outcome"], read.Outcome, sent.ToString());
            Assert.AreEqual(sent.Properties["component"], read.Component, sent.ToString());
            Assert.AreEqual(sent.Properties["failureKind"], read.FailureKind, sent.ToString());
            Assert.AreEqual(sent.Text("message"), read.Reason, sent.ToString());
        }
        Assert.IsTrue(results.Any(r => !r.Passed) && results.Any(r => r.Passed), "the faulty run has both verdicts");
    }

    /// <summary>The table as <c>az monitor app-insights query --output json</c> prints it (the query API's response).</summary>
    private static string AsAzPrintsIt(List<Dictionary<string, object?>> table) => new JsonObject
    {
        ["tables"] = new JsonArray(new JsonObject
        {
            ["name"] = "PrimaryResult",
            ["columns"] = new JsonArray([.. table[0].Keys.Select(k => (JsonNode)new JsonObject { ["name"] = k })]),
            ["rows"] = new JsonArray([.. table.Select(row => (JsonNode)new JsonArray([.. row.Values.Select(v => v switch
            {
                DateTimeOffset t => JsonValue.Create(ProbeRunQuery.Iso(t)),
                bool b => JsonValue.Create(b),
                null => null,
                var o => (JsonNode)JsonValue.Create(Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture))!,
            })]))]),
        }),
    }.ToJsonString();
}
