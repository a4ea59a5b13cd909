using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Model;
using Provisioning.TestSupport;
using YamlDotNet.RepresentationModel;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// The committed pipeline (.github/workflows/deploy.yml) is what the generator makes, passes a real workflow validator
/// (action-validator, from npm), and does what the team relies on: checks on pull requests, one deployment job per
/// environment in tier order, federated sign-in, secrets only by reference.
/// </summary>
[TestClass]
public sealed class DeployWorkflowTests
{
    private static string Root => EnvironmentFiles.RepositoryRoot;

    private static string WorkflowPath => Path.Combine(Root, DeployWorkflow.RelativePath);

    private static IReadOnlyList<EnvironmentConfiguration> Environments => ConfigurationLoader.LoadAll(EnvironmentFiles.EnvironmentDirectory);

    [TestMethod]
    public void The_committed_workflow_is_what_generate_writes()
    {
        var expected = DeployWorkflow.Render(Environments, TodoSystem.Description).Split('\n');
        var committed = File.ReadAllText(WorkflowPath).Split('\n');
        var first = Enumerable.Range(0, Math.Max(expected.Length, committed.Length))
            .FirstOrDefault(i => i >= expected.Length || i >= committed.Length || expected[i] != committed[i], -1);
        Assert.AreEqual(-1, first, $"{DeployWorkflow.RelativePath} is stale from line {first + 1}: run `dotnet run --project src/Cli` and commit it");
    }

    [TestMethod]
    public void Action_validator_accepts_it_and_rejects_a_broken_copy()
    {
        var (exit, output) = Validate(WorkflowPath);
        Assert.AreEqual(0, exit, output);

        // The validator really reads the file: a misspelt key in one job is refused.
        var broken = Path.Combine(TestFolders.NewTemp("workflow"), "deploy.yml");
        File.WriteAllText(broken, File.ReadAllText(WorkflowPath).Replace("    runs-on: ubuntu-latest\n    environment: dev", "    runs-on: ubuntu-latest\n    enviroment: dev", StringComparison.Ordinal));
        var (brokenExit, brokenOutput) = Validate(broken);
        Assert.AreNotEqual(0, brokenExit, "a workflow with an unknown job key must be refused");
        StringAssert.Contains(brokenOutput, "enviroment");
    }

    [TestMethod]
    public void Pull_requests_check_and_plan_and_main_deploys_each_environment_in_tier_order()
    {
        var workflow = Load();
        var on = (YamlMappingNode)workflow["on"];
        Assert.IsTrue(on.Children.ContainsKey(new YamlScalarNode("pull_request")) && on.Children.ContainsKey(new YamlScalarNode("push")));
        var jobs = (YamlMappingNode)workflow["jobs"];
        var check = Steps(jobs, "check");
        Assert.IsTrue(check.Any(s => s.Contains("generate --check --validate", StringComparison.Ordinal)), "the check job verifies generated/");
        Assert.IsTrue(check.Any(s => s.Contains("-- plan", StringComparison.Ordinal)), "the check job plans");

        var ordered = Environments.OrderBy(e => e.Tier).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var previous = "check";
        foreach (var environment in ordered)
        {
            var job = (YamlMappingNode)jobs[DeployWorkflow.JobName(environment.Name)];
            Assert.AreEqual(previous, Scalar(job, "needs"), $"{environment.Name} deploys after {previous}");
            Assert.AreEqual(environment.Name, Scalar(job, "environment"), "the GitHub environment carries its approvals");
            StringAssert.Contains(Scalar(job, "if"), "!= 'pull_request'", "pull requests never deploy");
            Assert.AreEqual("write", Scalar((YamlMappingNode)job["permissions"], "id-token"), "federated credential");
            var steps = Steps(jobs, DeployWorkflow.JobName(environment.Name));
            var extensions = steps.FindIndex(s => s.Contains("az extension add --name containerapp", StringComparison.Ordinal) && s.Contains("--name application-insights", StringComparison.Ordinal));
            Assert.IsTrue(extensions >= 0 && extensions < steps.FindIndex(s => s.Contains("azd up", StringComparison.Ordinal)),
                "the az extensions the stages call are installed before azd up runs them (a hook cannot answer the install prompt)");
            Assert.IsFalse(steps.Any(s => s.Contains("docker", StringComparison.OrdinalIgnoreCase)), "no step needs Docker");
            previous = DeployWorkflow.JobName(environment.Name);
        }
        Assert.AreEqual(ordered.Count + 1, jobs.Children.Count, "one deployment job per environment file, plus the check");
        Assert.AreEqual("production", ordered[^1].Tier.ToString().ToLowerInvariant(), "production goes last");
        Assert.IsFalse(((YamlMappingNode)jobs["check"]).Children.ContainsKey(new YamlScalarNode("permissions")), "the check job gets no token");
    }

    [TestMethod]
    public void Each_job_reads_exactly_its_environments_secrets_and_only_by_reference()
    {
        var jobs = (YamlMappingNode)Load()["jobs"];
        foreach (var environment in Environments)
        {
            var env = (YamlMappingNode)((YamlMappingNode)jobs[DeployWorkflow.JobName(environment.Name)])["env"];
            var secrets = env.Children.Where(kv => ((YamlScalarNode)kv.Value).Value!.Contains("secrets.", StringComparison.Ordinal))
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);
            // Only credentials issued elsewhere: `secrets init` creates every other secret in Key Vault.
            CollectionAssert.AreEquivalent(TodoSystem.Description.SecureParametersFor(environment).Where(p => p.External).Select(p => p.Variable).ToList(), secrets.Keys.ToList(), environment.Name);
            foreach (var (name, value) in secrets)
            {
                Assert.AreEqual($"${{{{ secrets.{name} }}}}", value);
            }
            Assert.AreEqual(environment.Location, Scalar(env, "AZURE_LOCATION"));
        }
        Assert.AreEqual(0, SecretRedaction.Find(File.ReadAllText(WorkflowPath)).Count(), "no secret-shaped value in the workflow");
    }

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(WorkflowPath)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static List<string> Steps(YamlMappingNode jobs, string job) =>
        [.. ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Children.Cast<YamlMappingNode>()
            .Select(s => s.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value! : string.Empty)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static (int ExitCode, string Output) Validate(string file)
    {
        var validator = Path.Combine(Root, "tests", "Tooling", "action-validator", "node_modules", ".bin", "action-validator");
        Assert.IsTrue(File.Exists(validator), "scripts/test.sh installs action-validator (npm ci in tests/Tooling/action-validator)");
        var (exit, output, error) = ChildRun.Run(validator, [file], TimeSpan.FromMinutes(1));
        return (exit, output + error);
    }
}
