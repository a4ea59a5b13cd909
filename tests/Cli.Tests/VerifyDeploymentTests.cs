using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Provisioning.Cli.Commands;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// Issue 18.6: a deployment waits for green. The postprovision hook runs the last stage, verification, which is
/// <c>verify-deployment</c>, which reads the probe's results inside the environment from Application Insights through
/// the Azure CLI. Azure cannot run here, so <c>az</c> is a stand-in that answers the query
/// from files and records every call; the hook scripts run under /bin/sh and the CLI runs as the built program.
/// </summary>
[TestClass]
public sealed class VerifyDeploymentTests
{
    private const string Group = "rg-todo-dev";
    private const string AppInsights = "appi-todo-dev";

    private const string FakeAz = """
        #!/bin/sh
        printf '%s\n' "$*" | head -n 1 >> "$FAKE_AZ_DIR/calls"
        case "$*" in
          "monitor app-insights query"*)
            n=$(cat "$FAKE_AZ_DIR/queries" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$FAKE_AZ_DIR/queries"
            if [ -f "$FAKE_AZ_DIR/answer-$n.json" ]; then cat "$FAKE_AZ_DIR/answer-$n.json"; else cat "$FAKE_AZ_DIR/answer.json"; fi ;;
          *) echo "fake az: unexpected call: $*" >&2; exit 64 ;;
        esac
        """;

    private static IReadOnlyList<string> Checks => [.. TodoSystem.Description.Checks.Select(c => c.Name)];

    [TestMethod]
    public void A_red_check_fails_the_deployments_last_stage_non_zero_with_the_reasons_printed()
    {
        var run = DateTimeOffset.UtcNow.AddMinutes(2);
        var (exit, output, error, calls) = Postprovision(Answer(Run(run, new()
        {
            [CheckNames.BackendHealth] = ("fail", "Http", "GET /health answered 503 after 0.2 s: database unreachable"),
            [CheckNames.McpBackend] = ("skipped", "DependencyFailed", "skipped: backend.health failed"),
        })));

        Assert.AreEqual(1, exit, output + error);
        StringAssert.Contains(error, $"has 2 red check(s) of {Checks.Count}");
        StringAssert.Contains(error, "backend.health (backend, Http): GET /health answered 503 after 0.2 s: database unreachable");
        StringAssert.Contains(error, "mcp.backend (mcp, DependencyFailed): skipped: backend.health failed");
        StringAssert.Contains(error, "The deployment is not verified");
        var query = calls.Single(c => c.StartsWith("monitor app-insights query", StringComparison.Ordinal));
        StringAssert.StartsWith(query, $"monitor app-insights query --app {AppInsights} --resource-group {Group} --analytics-query availabilityResults");
    }

    [TestMethod]
    public void A_security_failure_fails_the_stage_with_exit_3()
    {
        var (exit, _, error, _) = Postprovision(Answer(Run(DateTimeOffset.UtcNow.AddMinutes(2), new()
        {
            [CheckNames.BackendAuthRejects] = ("security-fail", "Security", "a token signed with the wrong key was answered 200"),
        })));

        Assert.AreEqual(3, exit, error);
        StringAssert.Contains(error, "security-fail backend.auth.rejects");
        StringAssert.Contains(error, "a token signed with the wrong key was answered 200");
    }

    [TestMethod]
    public void A_green_run_passes_the_stage()
    {
        var (exit, output, error, _) = Postprovision(Answer(Run(DateTimeOffset.UtcNow.AddMinutes(2), [])));

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, $"passed all {Checks.Count} checks; the deployment is verified");
        Assert.DoesNotContain("red check", error);
    }

    [TestMethod]
    public async Task Only_the_first_complete_run_after_the_deployment_counts()
    {
        var since = new DateTimeOffset(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);
        var red = new Dictionary<string, (string, string, string)> { [CheckNames.DatabaseSchema] = ("fail", "Connection", "connection refused") };
        // A red run from before the deployment, a run still being ingested (half its checks), then a green one.
        var rows = Run(since.AddMinutes(-1), red).Concat(Run(since.AddMinutes(1), []).Take(4)).Concat(Run(since.AddMinutes(2), []));
        var az = StandIn(Answer(rows));

        var (exit, output, error) = await Verify(az, since, TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, exit, output + error);
        StringAssert.Contains(output, "at 2026-12-04T21:02:00.0000000Z passed all");
    }

    [TestMethod]
    public async Task No_complete_run_in_time_fails_and_names_the_missing_checks()
    {
        var since = new DateTimeOffset(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);
        var az = StandIn(Answer(Run(since.AddMinutes(1), []).Take(3)));

        var (exit, _, error) = await Verify(az, since, TimeSpan.Zero);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "no complete probe run inside dev started after 2026-12-04T21:00:00.0000000Z within 0 s; the latest, at 2026-12-04T21:01:00.0000000Z, lacks " +
            string.Join(", ", Checks.Skip(3)));
        StringAssert.Contains(error, "raise --timeout; the deployment is not verified");
    }

    [TestMethod]
    public async Task A_failing_query_stops_with_the_fix()
    {
        var az = StandIn("not used");
        File.WriteAllText(az, "#!/bin/sh\necho \"ERROR: az monitor: 'app-insights' is misspelled or not recognized by the system.\" >&2\nexit 2\n");

        var (exit, _, error) = await Verify(az, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "az monitor app-insights query failed (exit 2): ERROR: az monitor: 'app-insights' is misspelled");
        StringAssert.Contains(error, "az extension add --name application-insights");
    }

    [TestMethod]
    public void Missing_settings_are_named_with_their_fix_before_anything_is_asked()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(["verify-deployment", "-e", "nosuchenv", "--app-insights", AppInsights],
            new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error.ToString(), "there is no env/nosuchenv.json");
        if (Environment.GetEnvironmentVariable("AZURE_RESOURCE_GROUP") is null)
        {
            StringAssert.Contains(error.ToString(), "pass -g/--resource-group or export AZURE_RESOURCE_GROUP");
        }
    }

    /// <summary>One probe run started at <paramref name="at"/>: every catalogue check, green unless <paramref name="red"/> says otherwise.</summary>
    internal static IEnumerable<JsonArray> Run(DateTimeOffset at, Dictionary<string, (string Outcome, string Kind, string Reason)> red) =>
        TodoSystem.Description.Checks.Select(c => red.TryGetValue(c.Name, out var r)
            ? Row(at, c.Name, false, r.Outcome, c.Component, r.Kind, r.Reason)
            : Row(at, c.Name, true, "pass", c.Component, "None", "ok"));

    // Shaped as `az monitor app-insights query --output json` prints the query's table (Application Insights' query API).
    private static JsonArray Row(DateTimeOffset at, string check, bool ok, string outcome, string component, string kind, string reason) =>
        [at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), check, ok, outcome, component, kind, reason];

    internal static string Answer(IEnumerable<JsonArray> rows) => new JsonObject
    {
        ["tables"] = new JsonArray(new JsonObject
        {
            ["name"] = "PrimaryResult",
            ["columns"] = new JsonArray([.. new[] { ("timestamp", "datetime"), ("name", "string"), ("ok", "bool"), ("outcome", "string"), ("component", "string"), ("failureKind", "string"), ("reason", "string") }
                .Select(c => (JsonNode)new JsonObject { ["name"] = c.Item1, ["type"] = c.Item2 })]),
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)r)]),
        }),
    }.ToJsonString();

    /// <summary>A folder with the az stand-in (bin/az) answering every query with <paramref name="answer"/>; the path of bin/az.</summary>
    private static string StandIn(string answer)
    {
        var dir = TestFolders.NewTemp("verify-deployment");
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, FakeAz.Replace("\r", "", StringComparison.Ordinal) + "\n");
        MakeExecutable(az);
        File.WriteAllText(Path.Combine(dir, "answer.json"), answer);
        return az;
    }

    /// <summary>The command in this process, with the stand-in as its az (its folder through FAKE_AZ_DIR of the child only).</summary>
    private static async Task<(int Exit, string Output, string Error)> Verify(string az, DateTimeOffset since, TimeSpan timeout)
    {
        // The stand-in reads FAKE_AZ_DIR; a wrapper sets it for the child alone, so parallel tests never share it.
        var dir = Path.GetDirectoryName(Path.GetDirectoryName(az))!;
        var wrapper = Path.Combine(dir, "az-wrapper");
        File.WriteAllText(wrapper, $"#!/bin/sh\nFAKE_AZ_DIR='{dir}' exec '{az}' \"$@\"\n");
        MakeExecutable(wrapper);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var request = new VerifyDeploymentCommand.Request("dev", Group, AppInsights, since, timeout, TimeSpan.FromMilliseconds(10), wrapper);
        var exit = await VerifyDeploymentCommand.RunAsync(request, Checks, TodoSystem.Description.ProbeRoleName, output, error, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// scripts/azd/postprovision.sh of this checkout as azd runs it, with the az stand-in on PATH and the built CLI as
    /// PROVISIONING_CLI (what a pipeline that published the CLI sets; `dotnet run` would rebuild it here).
    /// </summary>
    private static (int Exit, string Output, string Error, List<string> Calls) Postprovision(string answer)
    {
        var az = StandIn(answer);
        var dir = Path.GetDirectoryName(Path.GetDirectoryName(az))!;
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { Path.Combine(TestFolders.RepositoryRoot, "scripts", "azd", "postprovision.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestFolders.RepositoryRoot,
        };
        foreach (var name in new[] { "AZURE_RESOURCE_GROUP", "AZURE_ENV_NAME", "APPLICATIONINSIGHTS_NAME", "MIGRATION_JOB_NAME", "PROVISIONING_CLI" })
        {
            start.Environment.Remove(name);
        }
        start.Environment["PATH"] = Path.GetDirectoryName(az) + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_AZ_DIR"] = dir;
        start.Environment["AZURE_RESOURCE_GROUP"] = Group;
        start.Environment["AZURE_ENV_NAME"] = "dev";
        start.Environment["APPLICATIONINSIGHTS_NAME"] = AppInsights;
        start.Environment["VERIFY_POLL_SECONDS"] = "1";
        start.Environment["PROVISIONING_CLI"] = $"dotnet {typeof(CliApplication).Assembly.Location}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(120)), "the hook did not finish");
        var calls = Path.Combine(dir, "calls");
        return (process.ExitCode, output.Result, error.Result, File.Exists(calls) ? [.. File.ReadAllLines(calls)] : []);
    }

    private static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
