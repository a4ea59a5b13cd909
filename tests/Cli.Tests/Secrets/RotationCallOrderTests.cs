using Provisioning.Cli.Commands;
using Provisioning.Cli.Deploy;
using Provisioning.Cli.Tests.Deployment;
using Provisioning.Environments.Configuration;
using Provisioning.Probes.Tests.Arm;
using Provisioning.Secrets.Rotation;

namespace Provisioning.Cli.Tests.Secrets;

/// <summary>
/// Issue 17: `secrets rotate` against Azure as far as it can be reached here: the vault through the ARM stand-in
/// (values kept, tags and versions as ARM shows them), az through the stand-in that keeps a deployed environment's
/// state. Each rotation's calls are checked in order (ARM writes and az calls in one log), interrupted and resumed.
/// </summary>
[TestClass]
public sealed class RotationCallOrderTests
{
    private static async Task<AzureStandIn> DeployedAsync()
    {
        var azure = await AzureStandIn.WithVaultAsync();
        var (exit, output, error) = await azure.DeployAsync(AzureStandIn.PersonGiven());
        Assert.AreEqual(0, exit, output + error);
        azure.ForgetCalls();
        File.Delete(Path.Combine(azure.State, "deploy-references"));
        azure.Vault!.CallLog = Path.Combine(azure.State, "calls");
        return azure;
    }

    private static async Task<(int Exit, string Output, string Error)> RotateAsync(AzureStandIn azure, string what, bool dryRun = false,
        IReadOnlyList<string>? roles = null, Func<string, bool>? stopWhen = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var values = new Dictionary<string, string>(AzureStandIn.PersonGiven()) { ["ROTATION_POLL_SECONDS"] = "1" };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }
        var envDir = Path.Combine(azure.Workspace, "env");
        using var output = new ObservedWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        if (stopWhen is not null)
        {
            output.Written += text => { if (stopWhen(text)) { stop.Cancel(); } };
        }
        try
        {
            var exit = await SecretsRotateCommand.RunAsync(new SecretsRotateInvocation(what, "dev", envDir, roles ?? [], dryRun), name => values.GetValueOrDefault(name),
                request => request with
                {
                    RepositoryRoot = azure.Workspace,
                    ToolFolder = Path.Combine(azure.State, "bin"),
                    ChildEnvironment = new Dictionary<string, string>(values) { ["FAKE_AZ_DIR"] = azure.State },
                    Arm = () => new ArmAccess(new ArmStandIn.StaticToken(), azure.Vault!.Arm.Options),
                }, output, error, stop.Token);
            return (exit, output.ToString(), error.ToString());
        }
        catch (OperationCanceledException) when (stopWhen is not null)
        {
            return (-1, output.ToString(), error.ToString());
        }
    }

    private static List<string> Calls(AzureStandIn azure) => [.. azure.Calls.Select(c => c.Call)];

    private static int IndexOf(List<string> calls, string start, int after = -1, params string[] containing)
    {
        var index = calls.FindIndex(after + 1, c => c.StartsWith(start, StringComparison.Ordinal) && containing.All(p => c.Contains(p, StringComparison.Ordinal)));
        Assert.AreNotEqual(-1, index, $"no call starting '{start}' (with {string.Join(", ", containing)}) after #{after}:\n{string.Join('\n', calls)}");
        return index;
    }

    [TestMethod]
    public async Task A_jwt_rotation_makes_the_backend_accept_the_new_key_before_any_issuer_signs_with_it_and_closes_in_two_steps()
    {
        await using var azure = await DeployedAsync();
        var vault = azure.Vault!;
        var oldKey = vault.Secrets[TodoSystem.JwtSecretKeySecret].Value;
        var oldVersion = vault.Metadata[TodoSystem.JwtSecretKeySecret].Version;

        // Dry run: the plan, and not one write.
        var (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Jwt, dryRun: true);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "a new rotation");
        StringAssert.Contains(output, "7. close, step 2");
        Assert.IsFalse(Calls(azure).Any(c => c.StartsWith("arm PUT", StringComparison.Ordinal) || c.StartsWith("arm PATCH", StringComparison.Ordinal)
            || c.StartsWith("containerapp update", StringComparison.Ordinal) || c.StartsWith("deployment group create", StringComparison.Ordinal)), string.Join('\n', Calls(azure)));

        // The run, stopped where it waits for the window (45 minutes in Azure).
        (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Jwt, stopWhen: text => text.Contains("waiting ", StringComparison.Ordinal));
        Assert.AreEqual(-1, exit, output + error);
        var calls = Calls(azure);
        var staged = IndexOf(calls, $"arm PUT {TodoSystem.JwtSecretKeyPreviousSecret} phase=staged pinned-version={oldVersion}");
        var main = IndexOf(calls, "deployment group create --resource-group rg-todo-test --name main-dev", staged);
        var backendHealthy = IndexOf(calls, "containerapp revision show --resource-group rg-todo-test --name ca-todo-dev-backend", main);
        var promoted = IndexOf(calls, $"arm PUT {TodoSystem.JwtSecretKeySecret} rotation=", backendHealthy);
        var issuers = new[] { "frontend", "mcp", "probe" }.Select(c => IndexOf(calls, $"containerapp update --resource-group rg-todo-test --name ca-todo-dev-{c} --revision-suffix rot", promoted)).ToList();
        CollectionAssert.AreEqual(issuers.Order().ToList(), issuers, "the issuers one by one");
        IndexOf(calls, $"arm PATCH {TodoSystem.JwtSecretKeyPreviousSecret} issuers-at=", issuers.Max());
        Assert.AreEqual(vault.Secrets[TodoSystem.JwtSecretKeyPreviousSecret].Value, vault.Secrets[TodoSystem.JwtSecretKeySecret].Value, "the key staged is the key promoted");
        Assert.AreNotEqual(oldKey, vault.Secrets[TodoSystem.JwtSecretKeySecret].Value);
        // The main deployment of the window: the backend reads the previous key and stays on the old version.
        StringAssert.Contains(File.ReadAllLines(Path.Combine(azure.State, "deploy-references")).Last(), $"HAS_JWT_SECRET_KEY_PREVIOUS=true JWT_KEY_VERSION={oldVersion}");

        // Re-run after the window (the new key current and the issuers moved 46 minutes ago): resumes, skips what was done.
        vault.Metadata[TodoSystem.JwtSecretKeySecret] = vault.Metadata[TodoSystem.JwtSecretKeySecret] with { Created = DateTimeOffset.UtcNow.AddMinutes(-46) };
        var previousMeta = vault.Metadata[TodoSystem.JwtSecretKeyPreviousSecret];
        vault.Metadata[TodoSystem.JwtSecretKeyPreviousSecret] = previousMeta with
        {
            Tags = new Dictionary<string, string>(previousMeta.Tags) { ["issuers-at"] = DateTimeOffset.UtcNow.AddMinutes(-46).ToString("O", System.Globalization.CultureInfo.InvariantCulture) },
        };
        azure.ForgetCalls();
        (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Jwt);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "resuming rotation");
        StringAssert.Contains(output, "1/7 skipped, done by an earlier run");
        Assert.IsFalse(output.Contains("waiting ", StringComparison.Ordinal), output);
        calls = Calls(azure);
        Assert.IsFalse(calls.Any(c => c.StartsWith($"arm PUT {TodoSystem.JwtSecretKeySecret} ", StringComparison.Ordinal)), "the key is not written again");
        Assert.IsFalse(calls.Any(c => c.StartsWith("containerapp update", StringComparison.Ordinal) && !c.Contains("backend", StringComparison.Ordinal)), "the issuers moved in the first run");
        var released = IndexOf(calls, $"arm PATCH {TodoSystem.JwtSecretKeyPreviousSecret} ", -1, "phase=released");
        var closing = IndexOf(calls, "deployment group create --resource-group rg-todo-test --name main-dev", released);
        var grants = IndexOf(calls, $"role assignment delete --scope {VaultStandIn.VaultPath}/secrets/{TodoSystem.JwtSecretKeyPreviousSecret}", closing);
        IndexOf(calls, $"arm PATCH {TodoSystem.JwtSecretKeyPreviousSecret} ", grants, "phase=released", $"pinned-version={oldVersion}", "disabled");
        Assert.IsFalse(vault.Metadata[TodoSystem.JwtSecretKeyPreviousSecret].Enabled, "step 2 disabled the previous key");
        StringAssert.EndsWith(File.ReadAllLines(Path.Combine(azure.State, "deploy-references")).Last(), "HAS_JWT_SECRET_KEY_PREVIOUS=false JWT_KEY_VERSION=");

        // Done: the next run is a new rotation, and a deployment now gives the backend no previous key.
        (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Jwt, dryRun: true);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "a new rotation");
    }

    [TestMethod]
    public async Task A_database_rotation_moves_the_backend_to_the_other_login_after_the_job_made_it_valid_and_resumes_after_an_interruption()
    {
        await using var azure = await DeployedAsync();
        var vault = azure.Vault!;

        // Interrupted: the backend's new revision cannot be created.
        var (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Database, roles: [TodoSystem.AppRole],
            extra: new Dictionary<string, string> { ["FAKE_AZ_FAIL"] = "containerapp update" });
        Assert.AreEqual(1, exit, output + error);
        StringAssert.Contains(error, "run the same command again to resume");
        var calls = Calls(azure);
        var password = IndexOf(calls, $"arm PUT {TodoSystem.DatabasePasswordAppAlternateSecret} rotation=");
        var job = IndexOf(calls, "containerapp job start", password);
        var url = IndexOf(calls, $"arm PUT {TodoSystem.DatabaseUrlBackendSecret} login=todo_app_alt rotation=", job);
        IndexOf(calls, "containerapp update --resource-group rg-todo-test --name ca-todo-dev-backend", url);
        var moved = new Uri(vault.Secrets[TodoSystem.DatabaseUrlBackendSecret].Value);
        Assert.AreEqual($"todo_app_alt:{Uri.EscapeDataString(vault.Secrets[TodoSystem.DatabasePasswordAppAlternateSecret].Value)}", moved.UserInfo, "the URL names the alternate login with the password the job set");
        var oldPassword = vault.Secrets[TodoSystem.DatabasePasswordAppSecret].Value;

        // Re-run: resumes at the roll-out, then retires the old login's password.
        azure.ForgetCalls();
        (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Database, roles: [TodoSystem.AppRole]);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "resuming rotation");
        calls = Calls(azure);
        Assert.IsFalse(calls.Any(c => c.StartsWith($"arm PUT {TodoSystem.DatabaseUrlBackendSecret}", StringComparison.Ordinal)), "the URL is not moved again");
        var rollout = IndexOf(calls, "containerapp update --resource-group rg-todo-test --name ca-todo-dev-backend");
        var retired = IndexOf(calls, $"arm PUT {TodoSystem.DatabasePasswordAppSecret} retired-by=", rollout);
        var closed = IndexOf(calls, "containerapp job start", retired);
        IndexOf(calls, $"arm PATCH {TodoSystem.DatabaseUrlBackendSecret} closed=", closed);
        Assert.AreNotEqual(oldPassword, vault.Secrets[TodoSystem.DatabasePasswordAppSecret].Value, "the old login's password was replaced");

        // The next rotation moves back to todo_app.
        (exit, output, error) = await RotateAsync(azure, SecretsRotateCommand.Database, roles: [TodoSystem.AppRole], dryRun: true);
        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "todo_app_alt is in use, todo_app takes over");
    }

    [TestMethod]
    public async Task An_unknown_role_or_a_missing_group_is_refused_before_anything_is_read()
    {
        await using var azure = await DeployedAsync();
        var (exit, _, error) = await RotateAsync(azure, SecretsRotateCommand.Database, roles: ["todo_nobody"]);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(error, "--role todo_nobody: not a database role of the system. Fix: use one of todo_app, todo_probe, todo_owner, todoadmin.");
        Assert.IsEmpty(Calls(azure));
    }

    /// <summary>A StringWriter that tells who listens what was just written (to stop a run at a given step).</summary>
    private sealed class ObservedWriter : StringWriter
    {
        public event Action<string>? Written;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Written?.Invoke(value ?? "");
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
