using Provisioning.Environments.Tests.Generation;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// The two stage scripts `deploy` runs (the check stage's keyvault-check.sh, the bootstrap stage's bootstrap.sh), on
/// their own: a soft-deleted Key Vault caught before anything is provisioned, the bootstrap deployed and new grants
/// waited out. Azure cannot run here, so `az` and `azd` are stand-ins that answer from files and record every call;
/// the scripts' own logic (parsing the committed templates, matching, messages, exit codes) runs for real under
/// /bin/sh. DeploymentStagesTests runs them inside the whole stage list.
/// </summary>
[TestClass]
public sealed class DeployHooksTests
{
    private const string Group = "rg-todo-dev";
    private const string Subscription = "00000000-0000-0000-0000-0000000000aa";

    private const string FakeAz = """
        #!/bin/sh
        echo "$*" >> "$FAKE_AZ_DIR/calls"
        if [ -n "${FAKE_AZ_FAIL:-}" ]; then
          case "$*" in *"$FAKE_AZ_FAIL"*) echo "ERROR: (AuthorizationFailed) the client cannot perform this action" >&2; exit 1 ;; esac
        fi
        answer() { [ ! -f "$FAKE_AZ_DIR/$1" ] || cat "$FAKE_AZ_DIR/$1"; }
        case "$*" in
          "group exists"*) answer group-exists ;;
          "group create"*) ;;
          "deployment group create"*) ;;
          "role assignment list"*)
            n=$(cat "$FAKE_AZ_DIR/grant-calls" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$FAKE_AZ_DIR/grant-calls"
            answer "grants-$n" ;;
          "containerapp list"*) answer apps ;;
          "containerapp job list"*) answer jobs ;;
          "containerapp job show"*) answer job-registry ;;
          "containerapp job update"*) ;;
          "containerapp job start"*) echo "todo-migrate-exec-1" ;;
          "containerapp job execution show"*) echo "Succeeded" ;;
          "keyvault list-deleted"*) answer deleted-vaults ;;
          "acr repository show"*) [ -f "$FAKE_AZ_DIR/registry-has-image" ] || { echo "ERROR: manifest unknown" >&2; exit 1; } ;;
          "acr build"*) find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$FAKE_AZ_DIR/build-context" ;;
          *) echo "fake az: unexpected call: $*" >&2; exit 64 ;;
        esac
        """;

    private const string FakeAzd = """
        #!/bin/sh
        echo "$*" >> "$FAKE_AZ_DIR/azd-calls"
        if [ "$1 $2" = "env set" ]; then printf '%s=%s\n' "$3" "$4" >> "$FAKE_AZ_DIR/azd-env"; fi
        """;

    [TestMethod]
    public void Main_bicepparam_takes_the_kept_image_and_falls_back_to_the_environment_files_tag()
    {
        var paramFile = Path.Combine(TestFolders.RepositoryRoot, "generated", "dev", "main.bicepparam");
        // Names only: the parameter file reads no secret, just where the vault is and which image runs.
        var secrets = GeneratedEnvironments.DeploymentVariables("dev");

        var kept = BicepCli.Run(new Dictionary<string, string>(secrets) { ["DEPLOYED_BACKEND_IMAGE"] = "todo-chatbot/backend-dev:azd-deploy-1" }, "build-params", paramFile, "--stdout");
        var fallback = BicepCli.Run(new Dictionary<string, string>(secrets) { ["DEPLOYED_BACKEND_IMAGE"] = "" }, "build-params", paramFile, "--stdout");

        Assert.AreEqual(0, kept.ExitCode, kept.StandardError);
        StringAssert.Contains(kept.StandardOutput, "todo-chatbot/backend-dev:azd-deploy-1");
        Assert.AreEqual(0, fallback.ExitCode, fallback.StandardError);
        StringAssert.Contains(fallback.StandardOutput, "todo-backend:1.0.0");
    }

    // ---- point 4: no first deployment that depends on winning the role-assignment race ----

    [TestMethod]
    public void Preprovision_deploys_the_bootstrap_first_and_waits_out_new_grants_before_main()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("group-exists", "false");
        run.SetAnswer("grants-1", Rows([$"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleAssignments/sub-wide", $"/subscriptions/{Subscription}"]));
        run.SetAnswer("grants-2", Rows(
            [$"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleAssignments/sub-wide", $"/subscriptions/{Subscription}"],
            ["/x/roleAssignments/acrpull-backend", $"/subscriptions/{Subscription}/resourceGroups/RG-todo-dev/providers/Microsoft.ContainerRegistry/registries/crtododev"],
            ["/x/roleAssignments/kv-backend-jwt", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-dev/providers/Microsoft.KeyVault/vaults/kv/secrets/jwt-secret-key"],
            ["/x/roleAssignments/other-group", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-dev-2/providers/Microsoft.KeyVault/vaults/kv"]));

        var (exit, output, error) = run.Script("bootstrap.sh", PreprovisionEnvironment());

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "2 new role assignment(s); waiting 1s");
        var calls = run.Calls;
        Assert.AreEqual($"group create --name {Group} --location westeurope --tags azd-env-name=dev --output none", calls.Single(c => c.StartsWith("group create", StringComparison.Ordinal)));
        var bootstrap = calls.FindIndex(c => c.StartsWith("deployment group create", StringComparison.Ordinal));
        Assert.AreEqual($"deployment group create --resource-group {Group} --name bootstrap-dev --template-file generated/dev/bootstrap.bicep --parameters generated/dev/bootstrap.bicepparam --output none", calls[bootstrap]);
    }

    [TestMethod]
    public void An_unchanged_bootstrap_does_not_wait()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("group-exists", "true");
        var grants = Rows(["/x/roleAssignments/acrpull-backend", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-dev/providers/Microsoft.ContainerRegistry/registries/crtododev"]);
        run.SetAnswer("grants-1", grants);
        run.SetAnswer("grants-2", grants);

        var (exit, output, error) = run.Script("bootstrap.sh", new(PreprovisionEnvironment()) { ["ROLE_PROPAGATION_SECONDS"] = "3600" });

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "no new role assignment; nothing to wait for");
        Assert.IsFalse(run.Calls.Any(c => c.StartsWith("group create", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_failed_bootstrap_stops_before_main_is_staged()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("group-exists", "true");

        var (exit, _, error) = run.Script("bootstrap.sh", new(PreprovisionEnvironment()) { ["FAKE_AZ_FAIL"] = "deployment group create" });

        Assert.AreEqual(6, exit);
        StringAssert.Contains(error, "the deployment of generated/dev/bootstrap.bicep failed");
        Assert.IsFalse(Directory.Exists(Path.Combine(run.Workspace, ".azd-infra")));
    }

    [TestMethod]
    public void A_missing_group_without_a_location_is_a_clear_error()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("group-exists", "false");
        var environment = PreprovisionEnvironment();
        environment.Remove("AZURE_LOCATION");

        var (exit, _, error) = run.Script("bootstrap.sh", environment);

        Assert.AreEqual(6, exit);
        StringAssert.Contains(error, "resource group rg-todo-dev does not exist and AZURE_LOCATION is not set");
        Assert.IsFalse(run.Calls.Any(c => c.StartsWith("deployment group create", StringComparison.Ordinal)));
    }

    // ---- point 4: a soft-deleted Key Vault holding the environment's vault name ----

    [TestMethod]
    public void Soft_deleted_vault_of_this_group_stops_provisioning_and_prints_the_fix()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("deleted-vaults", Rows(
            ["kv-tod-dev-abcdefghijklm", $"/subscriptions/{Subscription}/resourceGroups/RG-TODO-DEV/providers/Microsoft.KeyVault/vaults/kv-tod-dev-abcdefghijklm", "westeurope", "False", "2026-12-06T06:00:00+00:00"]));

        var (exit, _, error) = run.Script("keyvault-check.sh", PreprovisionEnvironment());

        Assert.AreEqual(3, exit);
        StringAssert.Contains(error, "nothing was deployed: Key Vault kv-tod-dev-abcdefghijklm of this environment is soft-deleted (until 2026-12-06T06:00:00+00:00)");
        StringAssert.Contains(error, "az keyvault recover --name kv-tod-dev-abcdefghijklm");
        StringAssert.Contains(error, "az keyvault purge --name kv-tod-dev-abcdefghijklm --location westeurope");
        Assert.IsFalse(Directory.Exists(Path.Combine(run.Workspace, ".azd-infra")), "nothing may be staged for provisioning");
        Assert.IsFalse(run.Calls.Any(c => c.StartsWith("containerapp", StringComparison.Ordinal)), "the hook stops at the first blocking problem");
        StringAssert.StartsWith(run.Calls[0], "keyvault list-deleted --resource-type vault --query [?starts_with(name, 'kv-tod-dev-')]");
    }

    [TestMethod]
    public void Purge_protected_vault_is_recovered_or_waited_out_never_purged()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("deleted-vaults", Rows(
            ["kv-tod-pro-abcdefghijklm", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-prod/providers/Microsoft.KeyVault/vaults/kv-tod-pro-abcdefghijklm", "westeurope", "True", "2027-02-27T06:00:00+00:00"]));

        var (exit, _, error) = run.Script("keyvault-check.sh", new() { ["AZURE_RESOURCE_GROUP"] = "rg-todo-prod", ["AZURE_SUBSCRIPTION_ID"] = Subscription }, "prod");

        Assert.AreEqual(3, exit);
        StringAssert.Contains(error, "az keyvault recover --name kv-tod-pro-abcdefghijklm");
        StringAssert.Contains(error, "purge protection is on, so it cannot be purged");
        Assert.DoesNotContain("az keyvault purge", error);
    }

    [TestMethod]
    public void Soft_deleted_vaults_of_other_groups_prefixes_or_subscriptions_do_not_block()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        run.SetAnswer("group-exists", "false");
        run.SetAnswer("deleted-vaults", Rows(
            // another group: its name differs from the one this group gets
            ["kv-tod-dev-zyxwvutsrqpon", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-dev-old/providers/Microsoft.KeyVault/vaults/kv-tod-dev-zyxwvutsrqpon", "westeurope", "False", "2026-12-06T06:00:00+00:00"],
            // this group, another environment's prefix
            ["kv-tod-sta-abcdefghijklm", $"/subscriptions/{Subscription}/resourceGroups/rg-todo-dev/providers/Microsoft.KeyVault/vaults/kv-tod-sta-abcdefghijklm", "westeurope", "False", "2026-12-06T06:00:00+00:00"],
            // same group name in another subscription
            ["kv-tod-dev-mnopqrstuvwxy", "/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-todo-dev/providers/Microsoft.KeyVault/vaults/kv-tod-dev-mnopqrstuvwxy", "westeurope", "False", "2026-12-06T06:00:00+00:00"]));

        var (exit, output, error) = run.Script("keyvault-check.sh", PreprovisionEnvironment());

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "no soft-deleted vault holds this environment's vault name");
    }

    [TestMethod]
    public void A_failed_deleted_vault_listing_stops_with_the_missing_permission_named()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));

        var (exit, _, error) = run.Script("keyvault-check.sh", new(PreprovisionEnvironment()) { ["FAKE_AZ_FAIL"] = "keyvault list-deleted" });

        Assert.AreEqual(3, exit);
        StringAssert.Contains(error, "AuthorizationFailed");
        StringAssert.Contains(error, "Microsoft.KeyVault/locations/deletedVaults/read");
        StringAssert.Contains(error, "SKIP_DELETED_KEYVAULT_CHECK");
        Assert.IsFalse(Directory.Exists(Path.Combine(run.Workspace, ".azd-infra")));
    }

    [TestMethod]
    public void Without_a_resource_group_the_checks_say_what_they_skip_and_call_nothing()
    {
        var run = new HookRun(CopyOf("generated", "scripts"));
        var environment = PreprovisionEnvironment();
        environment.Remove("AZURE_RESOURCE_GROUP");

        var (exit, output, error) = run.Script("keyvault-check.sh", environment);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "azd env set AZURE_RESOURCE_GROUP rg-todo-dev");
        Assert.IsEmpty(run.Calls);
    }

    // The secrets come from the same test values the compiled-template tests use, so a new secure parameter reaches
    // these tests without an edit here.
    private static Dictionary<string, string> PreprovisionEnvironment() => new(GeneratedEnvironments.SecretValues)
    {
        ["AZURE_ENV_NAME"] = "dev",
        ["AZURE_RESOURCE_GROUP"] = Group,
        ["AZURE_SUBSCRIPTION_ID"] = Subscription,
        ["AZURE_LOCATION"] = "westeurope",
        ["ROLE_PROPAGATION_SECONDS"] = "1",
    };

    private static string Rows(params string[][] rows) => string.Join('\n', rows.Select(r => string.Join('\t', r))) + "\n";

    /// <summary>A throwaway copy of some of the repository's files and folders (not a git checkout).</summary>
    private static string CopyOf(params string[] paths)
    {
        var workspace = TestFolders.NewTemp("deploy-hooks");
        foreach (var path in paths)
        {
            var source = Path.Combine(TestFolders.RepositoryRoot, path);
            if (Directory.Exists(source))
            {
                TestFolders.Copy(source, Path.Combine(workspace, path));
            }
            else
            {
                File.Copy(source, Path.Combine(workspace, path));
            }
        }
        return workspace;
    }

    /// <summary>One workspace with stand-ins for az and azd that answer from files in <see cref="Directory"/>.</summary>
    private sealed class HookRun
    {
        private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL"];

        public HookRun(string workspace)
        {
            Workspace = workspace;
            Directory = TestFolders.NewTemp("deploy-hooks-az");
            var bin = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin")).FullName;
            WriteExecutable(Path.Combine(bin, "az"), FakeAz);
            WriteExecutable(Path.Combine(bin, "azd"), FakeAzd);
        }

        public string Workspace { get; }

        public string Directory { get; }

        public List<string> Calls =>
            File.Exists(Path.Combine(Directory, "calls")) ? [.. File.ReadAllLines(Path.Combine(Directory, "calls"))] : [];

        public void SetAnswer(string name, string content) => File.WriteAllText(Path.Combine(Directory, name), content);

        public string Answer(string name) => File.ReadAllText(Path.Combine(Directory, name));

        public void WriteFile(string relativePath, string content)
        {
            var path = Path.Combine(Workspace, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        /// <summary>The values the hooks set with `azd env set`, the last one per name.</summary>
        public Dictionary<string, string> AzdEnvironment()
        {
            var file = Path.Combine(Directory, "azd-env");
            var values = new Dictionary<string, string>();
            foreach (var line in File.Exists(file) ? File.ReadAllLines(file) : [])
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                values[line[..equals]] = line[(equals + 1)..];
            }
            return values;
        }

        public (int ExitCode, string Output, string Error) Script(string name, Dictionary<string, string> environment, params string[] args)
        {
            var settings = new Dictionary<string, string>(environment);
            settings.TryAdd("PATH", Path.Combine(Directory, "bin") + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"));
            settings.TryAdd("FAKE_AZ_DIR", Directory);
            // Hermetic: nothing the developer exported (AZURE_*, secrets, DEPLOYED_*) reaches the script.
            var run = ChildRun.Run("/bin/sh", [Path.Combine(Workspace, "scripts", "azd", name), .. args], TimeSpan.FromSeconds(60), Workspace, settings, Inherited);
            Assert.AreNotEqual(-1, run.ExitCode, $"{name} did not finish: {run.Error}");
            return run;
        }

        private static void WriteExecutable(string path, string text)
        {
            File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
