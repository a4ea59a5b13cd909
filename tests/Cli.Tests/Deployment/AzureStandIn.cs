using Provisioning.Cli.Commands;
using Provisioning.Cli.Deploy;
using Provisioning.Cli.Tests.Secrets;
using Provisioning.Deployment;
using Provisioning.Environments.Configuration;
using Provisioning.Probes.Tests.Arm;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests.Deployment;

/// <summary>
/// A workspace (a copy of what a deployment reads from a checkout) and stand-ins for az, azd and docker that keep the
/// state a subscription would (does the group exist, which deployments ran, which images the registry holds, which
/// locks are in place) in files, and record every call with the stage that made it (DEPLOYMENT_STAGE). Azure cannot
/// run here; everything on this side of az (the hooks, the CLI, the order) runs for real.
/// </summary>
internal sealed class AzureStandIn : IAsyncDisposable
{
    // The ARM stand-in's group and subscription: `secrets init` reaches the vault through ARM, everything else through az.
    public const string Group = ArmStandIn.ResourceGroup;
    public const string Subscription = ArmStandIn.SubscriptionId;
    public const string Registry = "crtododev";

    private const string FakeAz = """
        #!/bin/sh
        d="$FAKE_AZ_DIR"
        # One line per call (a KQL query spans several).
        printf '%s|%s\n' "${DEPLOYMENT_STAGE:-none}" "$(printf '%s' "$*" | head -n 1)" >> "$d/calls"
        fail() { echo "ERROR: $1" >&2; exit 1; }
        if [ -n "${FAKE_AZ_FAIL:-}" ]; then
          case "$*" in *"$FAKE_AZ_FAIL"*) fail "${FAKE_AZ_FAIL_MESSAGE:-(AuthorizationFailed) the client cannot perform this action}" ;; esac
        fi
        has() { [ -f "$d/state-$1" ]; }
        image() { printf '%s\n' "$*" | sed 's/.*--image \([^ ]*\).*/\1/'; }
        case "$*" in
          "account show"*) echo "$FAKE_SIGNED_IN_SUBSCRIPTION" ;;
          "group exists"*) if has group; then echo true; else echo false; fi ;;
          "group create"*) touch "$d/state-group" ;;
          "role assignment list"*) [ ! -f "$d/grants" ] || cat "$d/grants" ;;
          "keyvault list-deleted"*) ;;
          "deployment group create"*)
            has group || fail "(ResourceGroupNotFound) Resource group '$AZURE_RESOURCE_GROUP' could not be found."
            case "$*" in
              *"--name bootstrap-"*) printf '/x/roleAssignments/acrpull-backend\t/subscriptions/$AZURE_SUBSCRIPTION_ID/resourceGroups/$AZURE_RESOURCE_GROUP/providers/r\n' > "$d/grants"; touch "$d/state-bootstrap" ;;
              *"--name data-"*) has bootstrap || fail "the data template needs the bootstrap's identities"; touch "$d/state-data" ;;
              *"--name main-"*) has migrated || fail "the workloads were created before the migration ran"; touch "$d/state-main" ;;
            esac
            env | grep -E '^(DEPLOYED_|AZURE_KEY_VAULT_NAME=)' | LC_ALL=C sort > "$d/images-$(printf '%s\n' "$*" | sed 's/.*--name \([^ ]*\).*/\1/')"
            printf '%s|references HAS_JWT_SECRET_KEY_PREVIOUS=%s JWT_KEY_VERSION=%s\n' "${DEPLOYMENT_STAGE:-none}" "${HAS_JWT_SECRET_KEY_PREVIOUS:-}" "${JWT_KEY_VERSION:-}" >> "$d/deploy-references" ;;
          "deployment group show"*)
            case "$*" in
              *"--name bootstrap-"*AZURE_CONTAINER_REGISTRY_NAME*) has bootstrap && echo crtododev || fail "(DeploymentNotFound)" ;;
              *"--name bootstrap-"*AZURE_KEY_VAULT_NAME*) has bootstrap && echo kv-tod-dev-standin || fail "(DeploymentNotFound)" ;;
              *"--name data-"*MIGRATION_JOB_NAME*) has data && echo caj-todo-dev-migrate || fail "(DeploymentNotFound)" ;;
              *"--name main-"*APPLICATIONINSIGHTS_NAME*) has main && echo appi-todo-dev || fail "(DeploymentNotFound)" ;;
              *) fail "fake az: no such output: $*" ;;
            esac ;;
          "containerapp list"*"| [0]"*) has main || fail "no apps"; echo "ca-todo-dev-$(printf '%s' "$*" | sed "s/.*=='\([a-z]*\)'.*/\1/")" ;;
          "containerapp list"*) [ ! -f "$d/apps" ] || cat "$d/apps" ;;
          "containerapp update"*) has main || fail "no app" ;;
          "containerapp show"*) echo "$(printf '%s\n' "$*" | sed 's/.*--name \([^ ]*\).*/\1/')--latest" ;;
          "containerapp revision show"*) printf 'Provisioned\tRunning\tHealthy\n' ;;
          "role assignment delete"*) ;;
          "acr repository show"*) grep -qx "$(image "$*")" "$d/registry" 2>/dev/null || fail "manifest unknown" ;;
          "acr import"*) has bootstrap || fail "no registry"; image "$*" >> "$d/registry" ;;
          "acr build"*)
            has bootstrap || fail "no registry"
            img=$(image "$*"); echo "$img" >> "$d/registry"
            find . -type f | sed 's|^\./||' | LC_ALL=C sort > "$d/context-${img%%:*}" ;;
          "containerapp job start"*) has data || fail "no job"; echo todo-migrate-exec-1 ;;
          "containerapp job execution show"*) echo "${FAKE_MIGRATION_STATUS:-Succeeded}"; [ "${FAKE_MIGRATION_STATUS:-Succeeded}" != Succeeded ] || touch "$d/state-migrated" ;;
          "monitor app-insights query"*) cat "$d/probe-run.json" ;;
          "lock list"*) [ ! -f "$d/locks" ] || cat "$d/locks" ;;
          "lock delete"*) id=$(printf '%s\n' "$*" | sed 's/.*--ids \([^ ]*\).*/\1/'); grep -vx "$id" "$d/locks" > "$d/locks.new" || true; mv "$d/locks.new" "$d/locks" ;;
          *) echo "fake az: unexpected call: $*" >&2; exit 64 ;;
        esac
        """;

    private const string FakeAzd = """
        #!/bin/sh
        printf '%s|azd %s\n' "${DEPLOYMENT_STAGE:-none}" "$*" >> "$FAKE_AZ_DIR/calls"
        """;

    private const string FakeDocker = """
        #!/bin/sh
        printf '%s|docker %s\n' "${DEPLOYMENT_STAGE:-none}" "$*" >> "$FAKE_AZ_DIR/calls"
        exit 1
        """;

    /// <summary>What a deployment reads from a checkout: the templates, the hooks, env/, and what the two images copy.</summary>
    private static readonly string[] CheckoutParts =
    [
        "Provisioning.sln", "global.json", "Directory.Build.props", "Directory.Packages.props", ".config", "env", "generated", "scripts",
        "src/Catalogue", "src/Database", "src/Probes", "functions/HealthProbe",
    ];

    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES"];

    public AzureStandIn()
    {
        Workspace = TestFolders.NewTemp("deploy-stages");
        foreach (var part in CheckoutParts)
        {
            var source = Path.Combine(TestFolders.RepositoryRoot, part);
            var target = Path.Combine(Workspace, part);
            if (Directory.Exists(source))
            {
                TestFolders.Copy(source, target);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }
        }
        // The alert address a person gives (the committed files carry a reserved example domain, which the check refuses).
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Workspace, "env"), "*.json"))
        {
            File.WriteAllText(file, File.ReadAllText(file).Replace("@example.com", "@contoso.com", StringComparison.Ordinal));
        }
        State = TestFolders.NewTemp("deploy-stages-az");
        var bin = Directory.CreateDirectory(Path.Combine(State, "bin")).FullName;
        WriteExecutable(Path.Combine(bin, "az"), FakeAz);
        WriteExecutable(Path.Combine(bin, "azd"), FakeAzd);
        WriteExecutable(Path.Combine(bin, "docker"), FakeDocker);
        SetAnswer("probe-run.json", VerifyDeploymentTests.Answer(VerifyDeploymentTests.Run(DateTimeOffset.UtcNow.AddMinutes(30), [])));
    }

    public string Workspace { get; }

    /// <summary>The Key Vault as ARM shows it, for `secrets init` (<see cref="WithVaultAsync"/>); null for runs that never reach it.</summary>
    public VaultStandIn? Vault { get; private set; }

    /// <summary>A stand-in whose `deploy` runs reach a vault through the ARM stand-in as well.</summary>
    public static async Task<AzureStandIn> WithVaultAsync() => new() { Vault = await VaultStandIn.StartAsync() };

    public async ValueTask DisposeAsync()
    {
        if (Vault is not null)
        {
            await Vault.Arm.DisposeAsync();
        }
    }

    /// <summary>The stand-ins' files: state-*, registry, calls, …</summary>
    public string State { get; }

    /// <summary>Every call as <c>stage|arguments</c>, in order.</summary>
    public List<(string Stage, string Call)> Calls =>
        File.Exists(Path.Combine(State, "calls"))
            ? [.. File.ReadAllLines(Path.Combine(State, "calls")).Select(l => (l[..l.IndexOf('|', StringComparison.Ordinal)], l[(l.IndexOf('|', StringComparison.Ordinal) + 1)..]))]
            : [];

    public void ForgetCalls() => File.Delete(Path.Combine(State, "calls"));

    public void SetAnswer(string name, string content) => File.WriteAllText(Path.Combine(State, name), content);

    public string? Answer(string name) => File.Exists(Path.Combine(State, name)) ? File.ReadAllText(Path.Combine(State, name)) : null;

    /// <summary>The values a person gives before a first deployment, and the test's short waits.</summary>
    public static Dictionary<string, string> PersonGiven(string environment = "dev") => new()
    {
        ["AZURE_ENV_NAME"] = environment,
        ["AZURE_RESOURCE_GROUP"] = Group,
        // Made at run time: no credential-shaped literal in the repository.
        ["OPENAI_API_KEY"] = "test-openai-" + Guid.NewGuid().ToString("N"),
        ["AZURE_SUBSCRIPTION_ID"] = Subscription,
        ["AZURE_LOCATION"] = "westeurope",
        ["FAKE_SIGNED_IN_SUBSCRIPTION"] = Subscription,
        ["FRONTEND_SOURCE_IMAGE"] = "apps.azurecr.io/todo-frontend:1.4.0",
        ["BACKEND_SOURCE_IMAGE"] = "apps.azurecr.io/todo-backend:1.4.0",
        ["MCP_SOURCE_IMAGE"] = "apps.azurecr.io/todo-mcp:1.4.0",
        ["ROLE_PROPAGATION_SECONDS"] = "1",
        ["MIGRATION_POLL_SECONDS"] = "1",
        ["VERIFY_POLL_SECONDS"] = "1",
        ["VERIFY_TIMEOUT_SECONDS"] = "30",
    };

    /// <summary>The environment file of the workspace.</summary>
    public static EnvironmentConfiguration Configuration(string environment) =>
        ConfigurationLoader.LoadAll(Path.Combine(TestFolders.RepositoryRoot, "env")).Single(c => c.Name == environment);

    /// <summary>
    /// Runs `deploy` in this process on the workspace, with az and azd from the stand-ins' folder and `secrets init`
    /// against <see cref="Vault"/>: the same code the hooks' CLI runs, with the ARM seam reachable.
    /// </summary>
    public async Task<(int ExitCode, string Output, string Error)> DeployAsync(IReadOnlyDictionary<string, string> values, bool azd = false,
        string? only = null, string? from = null, string? through = null)
    {
        var vault = Vault ?? throw new InvalidOperationException("start the stand-in WithVaultAsync to run deploy");
        var (stages, problem) = StageSelection.Select(only, from, through);
        Assert.IsNull(problem, problem);
        var environment = values["AZURE_ENV_NAME"];
        var envDir = Path.Combine(Workspace, "env");
        var configuration = ConfigurationLoader.LoadAll(envDir).Single(c => c.Name == environment);
        var request = new DeploymentRequest(environment, configuration, Workspace, envDir, azd, name => values.GetValueOrDefault(name))
        {
            ToolFolder = Path.Combine(State, "bin"),
            ChildEnvironment = new Dictionary<string, string>(values) { ["FAKE_AZ_DIR"] = State },
            Arm = () => new ArmAccess(new ArmStandIn.StaticToken(), vault.Arm.Options),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await DeployCommand.RunAsync(request, stages, output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(180));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs scripts/azd/<paramref name="hook"/> of the workspace as azd would, with the built CLI as PROVISIONING_CLI.</summary>
    public (int ExitCode, string Output, string Error) Hook(string hook, IReadOnlyDictionary<string, string> environment) =>
        Run("/bin/sh", [Path.Combine(Workspace, "scripts", "azd", hook)], environment);

    /// <summary>Runs the built CLI in the workspace (the az path).</summary>
    public (int ExitCode, string Output, string Error) Cli(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run("dotnet", [typeof(CliApplication).Assembly.Location, .. arguments], environment);

    private (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>(environment)
        {
            ["PATH"] = Path.Combine(State, "bin") + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
            ["FAKE_AZ_DIR"] = State,
        };
        settings.TryAdd("PROVISIONING_CLI", $"dotnet {typeof(CliApplication).Assembly.Location}");
        // Hermetic: nothing the developer exported (AZURE_*, secrets, DEPLOYED_*) reaches the deployment.
        var run = ChildRun.Run(file, arguments, TimeSpan.FromSeconds(120), Workspace, settings, Inherited);
        Assert.AreNotEqual(-1, run.ExitCode, run.Error);
        return run;
    }

    internal static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
