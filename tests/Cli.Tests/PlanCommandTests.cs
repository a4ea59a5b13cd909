using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;
using Provisioning.Operations;
using static Provisioning.Cli.Tests.OperationsCommandRunner;

namespace Provisioning.Cli.Tests;

[TestClass]
public sealed class PlanCommandTests
{
    [TestMethod]
    public void A_clean_checkout_has_no_changes_and_exits_0()
    {
        var (env, generated) = CopyRepository("plan-clean");
        var (exit, stdout, stderr) = Run("plan", "--env-dir", env, "--generated", generated);
        Assert.AreEqual(ExitCodes.Success, exit, stdout + stderr);
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            StringAssert.Contains(stdout, $"{environment}: no changes");
        }
        StringAssert.Contains(stdout, "critical path");
    }

    [TestMethod]
    public void A_one_line_edit_is_reported_as_exactly_that_change_and_exits_1()
    {
        var (env, generated) = CopyRepository("plan-edit");
        Edit(env, "dev", "backend", "maxReplicas", 5);
        var (exit, stdout, stderr) = Run("plan", "-e", "dev", "--env-dir", env, "--generated", generated, "--json");
        Assert.AreEqual(ExitCodes.CheckFailed, exit, stdout + stderr);
        var plan = JsonNode.Parse(stdout)!["environments"]![0]!;
        Assert.AreEqual(0, plan["added"]!.AsArray().Count);
        Assert.AreEqual(0, plan["removed"]!.AsArray().Count);
        Assert.AreEqual(0, plan["parameters"]!.AsArray().Count);
        var changed = plan["changed"]!.AsArray().Single()!;
        Assert.AreEqual("backendApp", (string?)changed["symbolicName"]);
        var property = changed["properties"]!.AsArray().Single()!;
        Assert.AreEqual("properties.template.scale.maxReplicas", (string?)property["path"]);
        Assert.AreEqual(2, (int)property["before"]!);
        Assert.AreEqual(5, (int)property["after"]!);
        // The idle estimate does not depend on the upper bound, so its delta is zero; the ceiling grows by three backend
        // replicas (0.5 vCPU, 1 GiB each, busy all month) plus at most their logs (part may fall in the free 5 GB) and
        // a few cents of Key Vault re-reads (the estimator scales them with the apps' average busy replicas, so whether
        // any show depends on how many apps there are).
        Assert.AreEqual(0m, (decimal)plan["cost"]!["deltaMonthly"]!);
        var sheet = PriceSheet.Default;
        var replicas = 3 * sheet.SecondsPerMonth * (0.5m * sheet.Price("containerApps.vcpuSecond.active") + 1m * sheet.Price("containerApps.gibSecond"));
        var logs = 3 * sheet.Price("usage.logs.gbPerAwakeReplicaMonth") * sheet.Price("logAnalytics.ingestion.gb");
        var peakDelta = (decimal)plan["cost"]!["deltaAtMaxReplicas"]!;
        const decimal keyVaultReads = 0.05m;
        Assert.IsTrue(peakDelta >= Math.Round(replicas, 2) - 0.01m && peakDelta <= Math.Round(replicas + logs, 2) + keyVaultReads + 0.01m, $"{peakDelta} vs {replicas} + {logs}");
    }

    [TestMethod]
    public void A_costlier_edit_reports_its_cost_delta_in_text()
    {
        var (env, generated) = CopyRepository("plan-cost");
        Edit(env, "dev", "database", "storageSizeGB", 64);
        var (exit, stdout, stderr) = Run("plan", "-e", "dev", "--env-dir", env, "--generated", generated);
        Assert.AreEqual(ExitCodes.CheckFailed, exit, stdout + stderr);
        StringAssert.Contains(stdout, "dev: 0 to add, 1 to change, 0 to recreate, 0 to remove, 0 parameter(s) changed.");
        StringAssert.Contains(stdout, "properties.storage.storageSizeGB: 32 → 64");
        var delta = 32 * PriceSheet.Default.Price("postgres.storage.gbMonth");
        StringAssert.Contains(stdout, $"(delta +{EstimateCommand.Money(delta)};");
        StringAssert.Contains(stdout, $"postgres: +{EstimateCommand.Money(delta)}");
    }

    [TestMethod]
    public void A_create_only_change_is_listed_and_exits_2_like_generate()
    {
        var (env, generated) = CopyRepository("plan-createonly");
        Edit(env, "dev", "database", "geoRedundantBackup", true);
        var (exit, stdout, stderr) = Run("plan", "-e", "dev", "--env-dir", env, "--generated", generated, "--json");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, stdout + stderr);
        var violation = JsonNode.Parse(stdout)!["environments"]![0]!["createOnlyViolations"]!.AsArray().Single()!;
        Assert.AreEqual("postgres", (string?)violation["symbolicName"]);
        Assert.AreEqual("properties.backup.geoRedundantBackup", (string?)violation["path"]);
    }

    [TestMethod]
    public void The_json_shape_has_every_section()
    {
        var (env, generated) = CopyRepository("plan-json");
        var (exit, stdout, _) = Run("plan", "-e", "prod", "--env-dir", env, "--generated", generated, "--json");
        Assert.AreEqual(ExitCodes.Success, exit);
        var root = JsonNode.Parse(stdout)!.AsObject();
        Assert.AreEqual(0, (int)root["exitCode"]!);
        Assert.AreEqual(PriceSheet.Default.Date, (string?)root["priceSheet"]!["date"]);
        var plan = root["environments"]!.AsArray().Single()!.AsObject();
        CollectionAssert.AreEqual(
            new[] { "environment", "hasChanges", "added", "removed", "changed", "parameters", "recreated", "tierDowngrade", "createOnlyViolations", "criticalPath", "cost" },
            plan.Select(p => p.Key).ToArray());
        var steps = plan["criticalPath"]!["steps"]!.AsArray();
        Assert.IsTrue(steps.Count > 2);
        Assert.IsTrue(steps.All(s => !string.IsNullOrEmpty((string?)s!["source"]) && s["estimate"] is not null));
        Assert.AreEqual((decimal)steps[^1]!["finishesAfterMinutes"]!, (decimal)plan["criticalPath"]!["totalMinutes"]!);
        Assert.AreEqual((decimal)plan["cost"]!["committedMonthly"]!, (decimal)plan["cost"]!["nextMonthly"]!);
    }

    [TestMethod]
    public void An_invalid_environment_file_exits_2_naming_the_file()
    {
        var (env, generated) = CopyRepository("plan-invalid");
        Edit(env, "dev", "backend", "maxReplicas", "many");
        var (exit, _, stderr) = Run("plan", "--env-dir", env, "--generated", generated);
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(stderr, "Nothing was planned");
        StringAssert.Contains(stderr, "dev.json");
    }

    [TestMethod]
    [DataRow("plan")]
    [DataRow("diff")]
    [DataRow("estimate")]
    public void Help_has_an_example(string command)
    {
        var (exit, stdout, _) = Run(command, "--help");
        Assert.AreEqual(0, exit);
        StringAssert.Contains(stdout, $"Example: dotnet run --project src/Cli -- {command}");
    }
}
