using Provisioning.Cli.Tests.Secrets;
using Provisioning.Deployment;
using Provisioning.Environments.Model;

namespace Provisioning.Cli.Tests.Deployment;

/// <summary>
/// Issue 16: from an empty subscription to a verified environment with the azd hooks alone, in the order of
/// <see cref="DeploymentStages.All"/>, without Docker; every missing value listed before anything is deployed; and the
/// az path (<c>deploy</c>) running the same stages. The hooks run under /bin/sh and call the built CLI, against an az
/// stand-in that keeps a subscription's state (<see cref="AzureStandIn"/>).
/// </summary>
[TestClass]
public sealed class DeploymentStagesTests
{
    private static readonly string[] DeploymentCalls = ["deployment group create", "group create", "acr import", "acr build", "containerapp job start", "lock delete"];

    [TestMethod]
    public async Task Azd_up_takes_an_empty_subscription_to_a_verified_environment_in_the_stage_order()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        var values = AzureStandIn.PersonGiven();

        // What the preprovision hook runs, then azd provision (the workloads' deployment, played by the az path's
        // own workloads stage), then what the postprovision hook runs (HooksTests prove the hooks run exactly these).
        var (exit, output, error) = await azure.DeployAsync(values, azd: true, through: "workloads");
        Assert.AreEqual(0, exit, output + error);
        Assert.AreEqual(File.ReadAllText(Path.Combine(azure.Workspace, "generated", "dev", "main.bicep")), File.ReadAllText(Path.Combine(azure.Workspace, ".azd-infra", "main.bicep")));
        // A separate run (azd provision has its own process): it finds the vault's name from the bootstrap.
        (exit, output, error) = await azure.DeployAsync(values, only: "workloads");
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(azure.Answer("images-main-dev"), "AZURE_KEY_VAULT_NAME=kv-tod-dev-standin");
        (exit, output, error) = await azure.DeployAsync(values, azd: true, only: "verification");
        Assert.AreEqual(0, exit, output + error);

        StringAssert.Contains(output, "the deployment is verified");
        AssertCallsFollowTheStages(azure.Calls);
        var calls = azure.Calls.Select(c => c.Call).ToList();
        Assert.AreEqual($"group create --name {AzureStandIn.Group} --location westeurope --tags azd-env-name=dev --output none", calls.Single(c => c.StartsWith("group create", StringComparison.Ordinal)));
        // The bootstrap twice around `secrets init`: without, then with the grants on the secrets it created.
        var bootstraps = azure.Calls.Where(c => c.Call.Contains("--name bootstrap-dev", StringComparison.Ordinal) && c.Call.StartsWith("deployment group create", StringComparison.Ordinal)).Select(c => c.Stage).ToList();
        CollectionAssert.AreEqual(new[] { "bootstrap", "secrets" }, bootstraps);
        CollectionAssert.AreEquivalent(
            TodoSystem.Description.SecretsFor(AzureStandIn.Configuration("dev")).Where(s => !TodoSystem.Description.IsOptional(s)).Select(s => s.Name).ToList(),
            azure.Vault!.Secrets.Keys.ToList(), "secrets init created every secret");
        foreach (var component in new[] { "frontend", "backend", "mcp" })
        {
            CollectionAssert.Contains(calls, $"acr import --name {AzureStandIn.Registry} --source apps.azurecr.io/todo-{component}:1.4.0 --image todo-{component}:1.4.0");
        }
        Assert.HasCount(2, calls.Where(c => c.StartsWith("acr build", StringComparison.Ordinal)).ToList(), "the migrate and probe images are built by ACR Tasks");
        Assert.IsFalse(azure.Calls.Any(c => c.Call.StartsWith("docker", StringComparison.Ordinal)), "no step calls docker");
        // The images and the vault the stages chose reach azd's environment (main.bicepparam reads them there).
        var azdSet = azure.Calls.Where(c => c.Call.StartsWith("azd env set ", StringComparison.Ordinal)).Select(c => c.Call).ToList();
        // Plus the vault's name and the backend's two key references (the vault says: no rotation open).
        Assert.HasCount(TodoSystem.Description.Components.Count() + 3, azdSet, string.Join("\n", azdSet));
        CollectionAssert.Contains(azdSet, "azd env set HAS_JWT_SECRET_KEY_PREVIOUS false --environment dev");
        Assert.IsTrue(azdSet.All(c => c.EndsWith("--environment dev", StringComparison.Ordinal)), string.Join("\n", azdSet));
        StringAssert.Matches(azure.Answer("images-data-dev"), new System.Text.RegularExpressions.Regex("DEPLOYED_MIGRATE_IMAGE=todo-migrate:src-[0-9a-f]{16}"));
    }

    [TestMethod]
    public async Task A_deployed_environment_is_deployed_again_without_rebuilding_importing_or_writing_a_secret()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        var values = AzureStandIn.PersonGiven();
        var first = await azure.DeployAsync(values);
        Assert.AreEqual(0, first.ExitCode, first.Output + first.Error);
        var secretsWritten = azure.Vault!.Puts;
        // What Azure now runs: the apps carry their azd-service-name tag and an image in the environment's registry.
        azure.SetAnswer("apps", string.Join('\n', new[] { "frontend", "backend", "mcp" }.Select(c =>
            $"{c}\tcrtododev.azurecr.io/todo-{c}:1.4.0\tcrtododev.azurecr.io")) + "\n");
        azure.ForgetCalls();
        var later = new Dictionary<string, string>(values);
        foreach (var variable in new[] { "FRONTEND_SOURCE_IMAGE", "BACKEND_SOURCE_IMAGE", "MCP_SOURCE_IMAGE", "AZURE_LOCATION", "OPENAI_API_KEY" })
        {
            later.Remove(variable);
        }

        var (exit, output, error) = await azure.DeployAsync(later);

        Assert.AreEqual(0, exit, output + error);
        AssertCallsFollowTheStages(azure.Calls);
        var calls = azure.Calls.Select(c => c.Call).ToList();
        Assert.IsFalse(calls.Any(c => c.StartsWith("acr import", StringComparison.Ordinal) || c.StartsWith("acr build", StringComparison.Ordinal) || c.StartsWith("group create", StringComparison.Ordinal)),
            string.Join("\n", calls));
        Assert.AreEqual(secretsWritten, azure.Vault!.Puts, "a second deployment writes no secret");
        StringAssert.Contains(output, "no new role assignment; nothing to wait for");
        StringAssert.Contains(output, "frontend keeps todo-frontend:1.4.0");
        StringAssert.Contains(azure.Answer("images-main-dev"), "DEPLOYED_BACKEND_IMAGE=todo-backend:1.4.0");
        StringAssert.Contains(azure.Answer("images-main-dev"), "AZURE_KEY_VAULT_NAME=kv-tod-dev-standin");
    }

    [TestMethod]
    public void Every_missing_value_is_listed_before_any_deployment_call()
    {
        var azure = new AzureStandIn();
        File.WriteAllText(Path.Combine(azure.Workspace, "env", "dev.json"),
            File.ReadAllText(Path.Combine(azure.Workspace, "env", "dev.json")).Replace("@contoso.com", "@example.com", StringComparison.Ordinal));

        var (exit, _, error) = azure.Hook("preprovision.sh", new Dictionary<string, string> { ["AZURE_ENV_NAME"] = "dev" });

        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "nothing was deployed");
        StringAssert.Contains(error, "AZURE_RESOURCE_GROUP is not set");
        StringAssert.Contains(error, "azd env set AZURE_RESOURCE_GROUP rg-todo-dev --environment dev");
        StringAssert.Contains(error, "AZURE_SUBSCRIPTION_ID is not set");
        StringAssert.Contains(error, "alertEmail is todo-platform@example.com");
        Assert.IsFalse(azure.Calls.Any(c => DeploymentCalls.Any(d => c.Call.StartsWith(d, StringComparison.Ordinal))), string.Join("\n", azure.Calls));
        Assert.IsFalse(Directory.Exists(Path.Combine(azure.Workspace, ".azd-infra")), "nothing is handed to azd provision");
    }

    [TestMethod]
    public void A_first_deployment_without_region_or_image_sources_lists_each_and_deploys_nothing()
    {
        var azure = new AzureStandIn();
        var values = AzureStandIn.PersonGiven();
        foreach (var variable in new[] { "AZURE_LOCATION", "FRONTEND_SOURCE_IMAGE", "BACKEND_SOURCE_IMAGE", "MCP_SOURCE_IMAGE", "OPENAI_API_KEY" })
        {
            values.Remove(variable);
        }

        var (exit, _, error) = azure.Hook("preprovision.sh", values);

        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "5 value(s) missing or wrong");
        StringAssert.Contains(error, "OPENAI_API_KEY is not set and the environment's Key Vault does not exist yet");
        StringAssert.Contains(error, "azd env set AZURE_LOCATION westeurope --environment dev");
        foreach (var variable in new[] { "FRONTEND_SOURCE_IMAGE", "BACKEND_SOURCE_IMAGE", "MCP_SOURCE_IMAGE" })
        {
            StringAssert.Contains(error, $"{variable} is not set and");
        }
        Assert.IsTrue(azure.Calls.All(c => c.Stage == "check"), "only the check stage ran: " + string.Join("\n", azure.Calls));
        Assert.IsFalse(azure.Calls.Any(c => DeploymentCalls.Any(d => c.Call.StartsWith(d, StringComparison.Ordinal))));
    }

    [TestMethod]
    public void A_region_other_than_the_environment_files_and_the_wrong_subscription_are_refused()
    {
        var azure = new AzureStandIn();
        var values = AzureStandIn.PersonGiven();
        values["AZURE_LOCATION"] = "eastus";
        values["FAKE_SIGNED_IN_SUBSCRIPTION"] = "11111111-0000-0000-0000-000000000000";

        var (exit, _, error) = azure.Cli(values, "deploy", "-e", "dev");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "az is signed in to subscription 11111111-0000-0000-0000-000000000000, but AZURE_SUBSCRIPTION_ID is");

        values["FAKE_SIGNED_IN_SUBSCRIPTION"] = AzureStandIn.Subscription;
        (exit, _, error) = azure.Cli(values, "deploy", "-e", "dev");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, error);
        StringAssert.Contains(error, "AZURE_LOCATION is eastus, but env/dev.json deploys every resource to westeurope");
        Assert.IsFalse(azure.Calls.Any(c => DeploymentCalls.Any(d => c.Call.StartsWith(d, StringComparison.Ordinal))));
    }

    [TestMethod]
    public async Task A_failed_migration_leaves_the_workloads_untouched_and_says_how_to_read_its_logs()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        var values = AzureStandIn.PersonGiven();
        values["FAKE_MIGRATION_STATUS"] = "Failed";

        var (exit, _, error) = await azure.DeployAsync(values);

        Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
        StringAssert.Contains(error, "migration execution todo-migrate-exec-1 ended Failed; no workload was changed");
        StringAssert.Contains(error, $"az containerapp job logs show -g {AzureStandIn.Group} -n caj-todo-dev-migrate --execution todo-migrate-exec-1 --container migrate");
        StringAssert.Contains(error, "not run: workloads, verification");
        Assert.IsFalse(azure.Calls.Any(c => c.Call.Contains("--name main-dev", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task A_job_that_cannot_resolve_its_key_vault_references_stops_the_data_stage_with_the_known_cause()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        var values = AzureStandIn.PersonGiven();
        values["FAKE_AZ_FAIL"] = "--name data-dev";
        values["FAKE_AZ_FAIL_MESSAGE"] = "(InvalidParameterValueInContainerTemplate) Field 'configuration.secrets' is invalid with details: 'Invalid value: \"database-url-migrate\": Unable to get value using Managed identity /x/migrate for secret database-url-migrate.'";

        var (exit, _, error) = await azure.DeployAsync(values);

        Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
        StringAssert.Contains(error, "stage data failed");
        StringAssert.Contains(error, "microsoft/azure-container-apps#1804");
        StringAssert.Contains(error, "not run: migration, workloads, verification");
        Assert.IsFalse(azure.Calls.Any(c => c.Call.Contains("--name main-dev", StringComparison.Ordinal) || c.Call.StartsWith("containerapp job start", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task The_build_context_holds_what_the_dockerfile_copies_and_no_build_output()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        File.WriteAllText(Path.Combine(azure.Workspace, "src", "Database", "obj", "leftover.txt"), "x");
        Directory.CreateDirectory(Path.Combine(azure.Workspace, "src", "Database", "bin"));
        File.WriteAllText(Path.Combine(azure.Workspace, "src", "Database", "bin", "leftover.dll"), "x");

        var (exit, output, error) = await azure.DeployAsync(AzureStandIn.PersonGiven(), through: "images");

        Assert.AreEqual(0, exit, output + error);
        var context = azure.Answer("context-todo-migrate")!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(context, "src/Database/Dockerfile");
        CollectionAssert.Contains(context, ".config/dotnet-tools.json");
        Assert.IsTrue(context.Any(f => f.StartsWith("src/Database/Migrations/", StringComparison.Ordinal)));
        Assert.IsFalse(context.Any(f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal) || f.StartsWith(".git", StringComparison.Ordinal) || f.StartsWith("scripts/", StringComparison.Ordinal)),
            string.Join(", ", context));
        var probe = azure.Answer("context-todo-probe")!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CollectionAssert.Contains(probe, "functions/HealthProbe/Dockerfile");
        Assert.IsTrue(probe.Any(f => f.StartsWith("src/Probes/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task The_migrate_tag_follows_the_migrations_and_nothing_else()
    {
        await using var azure = await AzureStandIn.WithVaultAsync();
        async Task<string> Tag()
        {
            var (exit, output, error) = await azure.DeployAsync(AzureStandIn.PersonGiven(), through: "images");
            Assert.AreEqual(0, exit, output + error);
            return azure.Calls.Where(c => c.Call.StartsWith("acr repository show", StringComparison.Ordinal) && c.Call.Contains("todo-migrate:", StringComparison.Ordinal))
                .Select(c => c.Call[(c.Call.IndexOf("--image ", StringComparison.Ordinal) + 8)..].Split(' ')[0]).Last();
        }
        var before = await Tag();
        File.WriteAllText(Path.Combine(azure.Workspace, "src", "Database", "obj", "project.assets.json"), "{}");
        File.AppendAllText(Path.Combine(azure.Workspace, "env", "dev.json"), "\n");
        Assert.AreEqual(before, await Tag(), "files the image does not contain do not change its tag");

        var migration = Directory.EnumerateFiles(Path.Combine(azure.Workspace, "src", "Database", "Migrations"), "*.cs").First();
        File.AppendAllText(migration, "\n// a schema change\n");
        Assert.AreNotEqual(before, await Tag());
    }

    [TestMethod]
    public void The_hooks_are_thin_callers_of_the_stages()
    {
        var azure = new AzureStandIn();
        var recorder = Path.Combine(azure.State, "bin", "provisioning");
        AzureStandIn.WriteExecutable(recorder, "#!/bin/sh\necho \"$*\" >> \"$FAKE_AZ_DIR/cli\"");
        var values = new Dictionary<string, string>(AzureStandIn.PersonGiven()) { ["PROVISIONING_CLI"] = recorder };

        foreach (var hook in new[] { "preprovision.sh", "postprovision.sh", "predown.sh" })
        {
            var (exit, output, error) = azure.Hook(hook, values);
            Assert.AreEqual(0, exit, hook + output + error);
        }

        CollectionAssert.AreEqual(new[] { "deploy --azd --through workloads", "deploy --azd --stage verification", "teardown check" },
            azure.Answer("cli")!.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public async Task Every_stage_of_the_list_has_its_own_action()
    {
        var ran = new List<string>();
        Func<CancellationToken, Task> Record(string name) => _ => { ran.Add(name); return Task.CompletedTask; };
        var actions = new StageActions(Record("check"), Record("bootstrap"), Record("secrets"), Record("images"), Record("data"), Record("migration"), Record("workloads"), Record("verification"));
        using var progress = new StringWriter();

        await StageRunner.RunAsync(DeploymentStages.All, actions, progress, "test");

        CollectionAssert.AreEqual(DeploymentStages.All.Select(s => s.Name).ToList(), ran);
        StringAssert.Contains(progress.ToString(), "test: stage 8/8 verification");
    }

    [TestMethod]
    public void Stages_can_only_be_selected_never_reordered()
    {
        Assert.AreEqual("images, data, migration", string.Join(", ", StageSelection.Select(null, "images", "migration").Stages));
        StringAssert.Contains(StageSelection.Select(null, "workloads", "migration").Problem, "--from workloads comes after --through migration");
        StringAssert.Contains(StageSelection.Select("deploy-all", null, null).Problem, "--stage deploy-all: there is no such stage. Fix: use one of check, bootstrap");
        StringAssert.Contains(StageSelection.Select("data", "check", null).Problem, "cannot be combined");
    }

    /// <summary>
    /// The stages that made calls appear in the order of <see cref="DeploymentStages.All"/>, each one's calls together,
    /// and the ones that must reach Azure did.
    /// </summary>
    private static void AssertCallsFollowTheStages(List<(string Stage, string Call)> calls)
    {
        var order = DeploymentStages.All.Select(s => s.Name).ToList();
        var seen = new List<string>();
        foreach (var (stage, call) in calls)
        {
            Assert.IsTrue(order.Contains(stage), $"a call outside the stages ({stage}): {call}");
            if (seen.Count == 0 || seen[^1] != stage)
            {
                Assert.DoesNotContain(stage, seen, $"stage {stage} called Azure again after a later stage: {string.Join(" → ", seen)} → {stage}");
                seen.Add(stage);
            }
        }
        CollectionAssert.AreEqual(seen.OrderBy(order.IndexOf).ToList(), seen, "stages in the wrong order: " + string.Join(" → ", seen));
        foreach (var needed in new[] { "check", "bootstrap", "images", "data", "migration", "workloads", "verification" })
        {
            CollectionAssert.Contains(seen, needed, $"stage {needed} made no call");
        }
    }
}
