using Provisioning.Cli.Commands;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;
using Provisioning.Probes.Tests.Arm;
using Provisioning.Secrets;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests.Secrets;

/// <summary>
/// `secrets init` against a local Azure Resource Manager stand-in (real HTTPS on 127.0.0.1, the real SDK pipeline):
/// it creates only what is missing, never overwrites, keeps composed secrets consistent with their password, and
/// creates nothing when an external value is missing.
/// </summary>
[TestClass]
public sealed class SecretsInitTests
{
    private const string Env = "dev";

    // Made at run time: no credential-shaped literal in the repository.
    private static readonly string OpenAiKey = "test-openai-" + Guid.NewGuid().ToString("N");

    private static EnvironmentConfiguration Configuration { get; } =
        ConfigurationLoader.Load(Path.Combine(TestFolders.RepositoryRoot, "env", Env + ".json")).Configuration!;

    /// <summary>Every secret `secrets init` is responsible for in dev: all but the rotation's optional one.</summary>
    private static IReadOnlyList<string> Expected { get; } =
        [.. TodoSystem.Description.SecretsFor(Configuration).Where(s => !TodoSystem.Description.IsOptional(s)).Select(s => s.Name)];

    private static async Task<(int Exit, string Out, string Err)> RunAsync(VaultStandIn vault, Func<string, string?> variables, bool dryRun = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SecretsInitCommand.RunAsync(
                new SecretsInitInvocation(Env, ArmStandIn.ResourceGroup, ArmStandIn.SubscriptionId, Path.Combine(TestFolders.RepositoryRoot, "env"), dryRun),
                variables, () => new ArmAccess(new ArmStandIn.StaticToken(), vault.Arm.Options), output, error, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, output.ToString(), error.ToString());
    }

    private static string? WithOpenAi(string name) => name == "OPENAI_API_KEY" ? OpenAiKey : null;

    private static string? Nothing(string name) => null;

    [TestMethod]
    public async Task First_init_creates_every_missing_secret_and_a_second_init_makes_no_PUT()
    {
        var vault = await VaultStandIn.StartAsync();
        await using var _ = vault.Arm;

        var (exit, stdout, stderr) = await RunAsync(vault, WithOpenAi);
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        CollectionAssert.AreEquivalent(Expected.ToList(), vault.Secrets.Keys.ToList());
        Assert.AreEqual(Expected.Count, vault.Puts, "one PUT per secret");
        Assert.IsTrue(vault.Arm.Requests.All(r => r.Authorized), "every call carried the bearer token");
        Assert.AreEqual(OpenAiKey, vault.Secrets[TodoSystem.OpenAiApiKeySecret].Value, "the external credential comes from its variable");
        Assert.AreEqual("HS256 key", vault.Secrets[TodoSystem.JwtSecretKeySecret].ContentType);
        AssertNoValueIn(vault, stdout + stderr);

        var before = vault.Secrets.ToDictionary(s => s.Key, s => s.Value);
        (exit, stdout, stderr) = await RunAsync(vault, WithOpenAi);
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual(Expected.Count, vault.Puts, "the second init made no PUT at all");
        StringAssert.Contains(stdout, "nothing to do");
        CollectionAssert.AreEquivalent(before.ToList(), vault.Secrets.ToDictionary(s => s.Key, s => s.Value).ToList(), "nothing changed");
    }

    [TestMethod]
    public async Task Composed_secrets_hold_the_same_password_as_the_password_secret_and_the_servers_host()
    {
        var vault = await VaultStandIn.StartAsync();
        await using var _ = vault.Arm;
        Assert.AreEqual(ExitCodes.Success, (await RunAsync(vault, WithOpenAi)).Exit);

        foreach (var (url, password, login) in new[]
        {
            (TodoSystem.DatabaseUrlBackendSecret, TodoSystem.DatabasePasswordAppSecret, "todo_app"),
            (TodoSystem.DatabaseUrlProbeSecret, TodoSystem.DatabasePasswordProbeSecret, "todo_probe"),
            (TodoSystem.DatabaseAdminUrlSecret, TodoSystem.DatabasePasswordAdminSecret, TodoSystem.Description.Database.AdministratorLogin),
        })
        {
            var uri = new Uri(vault.Secrets[url].Value);
            Assert.AreEqual("postgresql", uri.Scheme);
            Assert.AreEqual(VaultStandIn.DatabaseHost, uri.Host, "the host from the latest succeeded bootstrap deployment");
            Assert.AreEqual(5432, uri.Port);
            Assert.AreEqual("/todo", uri.AbsolutePath);
            Assert.AreEqual("?sslmode=require", uri.Query);
            var userInfo = uri.UserInfo.Split(':', 2);
            Assert.AreEqual(login, userInfo[0]);
            Assert.AreEqual(vault.Secrets[password].Value, Uri.UnescapeDataString(userInfo[1]), $"{url} holds the password in {password}");
            Assert.AreEqual("postgresql URL", vault.Secrets[url].ContentType);
        }
        // The owner's password has no secret of its own: its URL is still a well-formed one with a strong password.
        var owner = new Uri(vault.Secrets[TodoSystem.DatabaseUrlMigrateSecret].Value);
        Assert.IsTrue(Uri.UnescapeDataString(owner.UserInfo.Split(':', 2)[1]).Length >= 16);
        // Every password differs: one leaked role is not another's.
        var passwords = new[] { TodoSystem.DatabasePasswordAppSecret, TodoSystem.DatabasePasswordProbeSecret, TodoSystem.DatabasePasswordAdminSecret }
            .Select(n => vault.Secrets[n].Value).Append(vault.Secrets[TodoSystem.JwtSecretKeySecret].Value).ToList();
        Assert.AreEqual(passwords.Count, passwords.Distinct().Count());
    }

    /// <summary>What main.bicepparam reads with getSecret() is what init creates: a deployment after init finds it.</summary>
    [TestMethod]
    public async Task The_secret_the_parameter_file_references_is_one_init_creates()
    {
        var parameterFile = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "generated", Env, "main.bicepparam"));
        var referenced = System.Text.RegularExpressions.Regex.Matches(parameterFile, @"getSecret\((?:[^()]|\([^()]*\))*'([a-z0-9-]+)'\)")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.IsNotEmpty(referenced, "main.bicepparam passes the administrator password by reference");

        var vault = await VaultStandIn.StartAsync();
        await using var _ = vault.Arm;
        Assert.AreEqual(ExitCodes.Success, (await RunAsync(vault, WithOpenAi)).Exit);
        foreach (var name in referenced)
        {
            Assert.IsTrue(vault.Secrets.ContainsKey(name), $"main.bicepparam reads {name}, which secrets init did not create");
        }
    }

    [TestMethod]
    public async Task A_vault_with_some_secrets_gets_only_the_missing_ones_and_keeps_the_others()
    {
        var vault = await VaultStandIn.StartAsync();
        await using var _ = vault.Arm;
        // What an earlier run left: the JWT key, the OpenAI key and the app role's whole group (URL and password).
        var kept = new Dictionary<string, (string, string?)>
        {
            [TodoSystem.JwtSecretKeySecret] = ("kept-" + Guid.NewGuid().ToString("N"), "HS256 key"),
            [TodoSystem.OpenAiApiKeySecret] = ("kept-" + Guid.NewGuid().ToString("N"), null),
            [TodoSystem.DatabaseUrlBackendSecret] = ("kept-" + Guid.NewGuid().ToString("N"), "postgresql URL"),
            [TodoSystem.DatabasePasswordAppSecret] = ("kept-" + Guid.NewGuid().ToString("N"), null),
        };
        foreach (var (name, value) in kept)
        {
            vault.Secrets[name] = value;
        }

        // The library, without the CLI: the plan says what exists and what will be created.
        var initializer = new SecretsInitializer(new ArmStandIn.StaticToken(), vault.Arm.Options());
        var request = new SecretsInitRequest(Configuration, ArmStandIn.SubscriptionId, ArmStandIn.ResourceGroup, Nothing);
        var plan = await initializer.PlanAsync(request, CancellationToken.None);
        Assert.AreEqual(VaultStandIn.VaultName, plan.Target.VaultName);
        CollectionAssert.AreEquivalent(kept.Keys.ToList(), plan.Secrets.Where(s => s.State == SecretState.Exists).Select(s => s.Name).ToList());
        CollectionAssert.AreEquivalent(Expected.Except(kept.Keys).ToList(), plan.ToCreate.Select(s => s.Name).ToList());
        Assert.IsTrue(plan.CanApply, "the OpenAI key exists, so no variable is needed");
        Assert.AreEqual(0, vault.Puts, "planning writes nothing");

        var result = await initializer.InitializeAsync(request, CancellationToken.None);
        CollectionAssert.AreEquivalent(Expected.Except(kept.Keys).ToList(), result.Created.ToList());
        Assert.AreEqual(Expected.Count - kept.Count, vault.Puts, "a PUT only for each missing secret");
        foreach (var (name, value) in kept)
        {
            Assert.AreEqual(value, vault.Secrets[name], $"{name} was not overwritten");
        }
    }

    [TestMethod]
    public async Task A_missing_external_value_exits_2_naming_the_variable_and_creates_nothing()
    {
        var vault = await VaultStandIn.StartAsync();
        await using var _ = vault.Arm;

        var (exit, stdout, stderr) = await RunAsync(vault, Nothing);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, stderr);
        Assert.AreEqual(0, vault.Puts, "nothing half: not one secret was created");
        Assert.IsEmpty(vault.Secrets);
        StringAssert.Contains(stderr, "OPENAI_API_KEY");
        StringAssert.Contains(stderr, "export OPENAI_API_KEY=");
        AssertLine(stdout, TodoSystem.OpenAiApiKeySecret, "MISSING");
    }

    [TestMethod]
    public async Task A_group_whose_other_secret_exists_needs_its_value_and_is_completed_from_it()
    {
        var vault = await VaultStandIn.StartAsync();
        await using var arm = vault.Arm;
        // An environment deployed before `secrets init` existed: database-admin-url is there, the admin password alone is not.
        var password = SecretValues.Password(32, "todoadmin");
        vault.Secrets[TodoSystem.DatabaseAdminUrlSecret] = ($"postgresql://todoadmin:{Uri.EscapeDataString(password)}@{VaultStandIn.DatabaseHost}:5432/todo?sslmode=require", "postgresql URL");

        var (exit, stdout, stderr) = await RunAsync(vault, WithOpenAi);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, "a fresh admin password would disagree with the URL that exists");
        StringAssert.Contains(stderr, "POSTGRES_ADMIN_PASSWORD");
        Assert.AreEqual(0, vault.Puts);

        AssertLine(stdout, TodoSystem.DatabasePasswordAdminSecret, "MISSING");
        (exit, _, stderr) = await RunAsync(vault, name => name == "POSTGRES_ADMIN_PASSWORD" ? password : WithOpenAi(name));
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual(password, vault.Secrets[TodoSystem.DatabasePasswordAdminSecret].Value);
    }

    [TestMethod]
    public async Task A_vault_of_another_environment_is_refused_and_a_dry_run_writes_nothing()
    {
        var prod = await VaultStandIn.StartAsync(environmentTag: "prod");
        await using (prod.Arm)
        {
            var (exit, _, stderr) = await RunAsync(prod, WithOpenAi);
            Assert.AreEqual(ExitCodes.CheckFailed, exit);
            StringAssert.Contains(stderr, "azd-env-name=prod, not dev");
            Assert.AreEqual(0, prod.Puts);
        }

        var dev = await VaultStandIn.StartAsync();
        await using var _ = dev.Arm;
        var (code, stdout, err) = await RunAsync(dev, WithOpenAi, dryRun: true);
        Assert.AreEqual(ExitCodes.Success, code, err);
        StringAssert.Contains(stdout, $"dry run: nothing was written; {Expected.Count} secret(s) would be created");
        Assert.AreEqual(0, dev.Puts);
    }

    [TestMethod]
    public async Task Without_a_bootstrap_deployment_it_says_to_deploy_bootstrap_first()
    {
        await using var arm = await ArmStandIn.StartAsync();
        arm.Set(ArmStandIn.DeploymentsPath, ArmStandIn.List());
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SecretsInitCommand.RunAsync(
            new SecretsInitInvocation(Env, ArmStandIn.ResourceGroup, ArmStandIn.SubscriptionId, Path.Combine(TestFolders.RepositoryRoot, "env")),
            WithOpenAi, () => new ArmAccess(new ArmStandIn.StaticToken(), arm.Options), output, error, CancellationToken.None);
        Assert.AreEqual(ExitCodes.CheckFailed, exit);
        StringAssert.Contains(error.ToString(), "bootstrap.bicep");
        Assert.AreEqual(0, arm.CountOf("PUT", "/"));
    }

    private static void AssertLine(string output, string secret, string state) =>
        Assert.IsTrue(output.Split('\n').Any(l => l.TrimStart().StartsWith(secret + " ", StringComparison.Ordinal) && l.Contains(state, StringComparison.Ordinal)),
            $"no '{secret} … {state}' line in:\n{output}");

    private static void AssertNoValueIn(VaultStandIn vault, string text)
    {
        foreach (var (name, (value, _)) in vault.Secrets)
        {
            Assert.IsFalse(text.Contains(value, StringComparison.Ordinal), $"the value of {name} was printed");
        }
    }
}
