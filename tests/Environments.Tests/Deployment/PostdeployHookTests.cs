using System.Diagnostics;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// The postdeploy hook's polling, against a stand-in for the Azure CLI (Azure itself cannot run here): it answers
/// `job start` with an execution name and `job execution show` with the next status from a script of statuses. The
/// verification that follows a migration is the CLI's (its own tests, VerifyDeploymentHookTests, run it for real
/// against the az stand-in); here a stand-in for the CLI only records that, and when, the hook hands over to it.
/// </summary>
[TestClass]
public sealed class PostdeployHookTests
{
    private const string FakeAz = """
        #!/bin/sh
        echo "$*" >> "$FAKE_AZ_DIR/calls"
        case "$*" in
          *"job show"*) echo "crtododev.azurecr.io" ;;
          *"job update"*) ;;
          *"job start"*) echo "todo-migrate-exec-1" ;;
          *"execution show"*)
            n=$(cat "$FAKE_AZ_DIR/n" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$FAKE_AZ_DIR/n"
            sed -n "${n}p" "$FAKE_AZ_DIR/statuses" | grep . || tail -n 1 "$FAKE_AZ_DIR/statuses" ;;
        esac
        """;

    private const string FakeCli = """
        #!/bin/sh
        echo "$*" >> "$FAKE_AZ_DIR/cli-calls"
        exit "${FAKE_CLI_EXIT:-0}"
        """;

    [TestMethod]
    public void Waits_until_the_execution_succeeds()
    {
        var (exit, output, _, calls) = Run(["Running", "Running", "Succeeded"]);

        Assert.AreEqual(0, exit);
        StringAssert.Contains(output, "migrations applied (todo-migrate-exec-1)");
        Assert.AreEqual("verify-deployment -e dev", calls.Single(c => c.StartsWith("cli ", StringComparison.Ordinal))["cli ".Length..],
            "the last stage, after the migration, is the probe verification of the environment");
        Assert.AreEqual(3, calls.Count(c => c.Contains("execution show", StringComparison.Ordinal)));
        StringAssert.Contains(calls.First(c => c.Contains("job start", StringComparison.Ordinal)), "containerapp job start --resource-group rg-todo-dev --name caj-todo-dev-migrate");
    }

    [TestMethod]
    public void Failed_execution_fails_the_deployment_and_says_how_to_read_its_logs()
    {
        var (exit, _, error, calls) = Run(["Running", "Failed"]);

        Assert.AreEqual(1, exit);
        Assert.IsFalse(calls.Any(c => c.StartsWith("cli ", StringComparison.Ordinal)), "nothing is verified against a schema the migration did not reach");
        StringAssert.Contains(error, "migration execution todo-migrate-exec-1 ended Failed");
        StringAssert.Contains(error, "az containerapp job logs show -g rg-todo-dev -n caj-todo-dev-migrate --execution todo-migrate-exec-1 --container migrate");
    }

    [TestMethod]
    public void A_red_verification_fails_the_hook_with_its_exit_code()
    {
        var (exit, _, _, calls) = Run(["Succeeded"], cliExit: 3);

        Assert.AreEqual(3, exit, "the verification's verdict is the deployment's");
        Assert.AreEqual(1, calls.Count(c => c.StartsWith("cli ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Gives_up_after_the_timeout()
    {
        var (exit, _, error, calls) = Run(["Running"], timeoutSeconds: 2);

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "still Running after 2s; giving up");
        Assert.IsLessThanOrEqualTo(4, calls.Count(c => c.Contains("execution show", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Missing_job_name_is_a_clear_error_before_anything_starts()
    {
        var (exit, _, error, calls) = Run(["Succeeded"], jobName: null);

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "MIGRATION_JOB_NAME is not set");
        Assert.AreEqual(0, calls.Count, "no job may be started");
    }

    private static (int ExitCode, string Output, string Error, IReadOnlyList<string> Calls) Run(
        string[] statuses, int timeoutSeconds = 30, string? jobName = "caj-todo-dev-migrate", int cliExit = 0)
    {
        var dir = TestFolders.NewTemp("postdeploy");
        var bin = Path.Combine(dir, "bin");
        Directory.CreateDirectory(bin);
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, FakeAz.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllLines(Path.Combine(dir, "statuses"), statuses);
        var cli = Path.Combine(bin, "provisioning-cli");
        File.WriteAllText(cli, FakeCli.Replace("\r", "", StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { Path.Combine(EnvironmentFiles.RepositoryRoot, "scripts", "azd", "postdeploy.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_AZ_DIR"] = dir;
        start.Environment["AZURE_RESOURCE_GROUP"] = "rg-todo-dev";
        start.Environment["MIGRATION_POLL_SECONDS"] = "1";
        start.Environment["AZURE_ENV_NAME"] = "dev";
        start.Environment["APPLICATIONINSIGHTS_NAME"] = "appi-todo-dev";
        start.Environment["PROVISIONING_CLI"] = cli;
        start.Environment["FAKE_CLI_EXIT"] = cliExit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MIGRATION_TIMEOUT_SECONDS"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("MIGRATION_JOB_NAME");
        if (jobName is not null)
        {
            start.Environment["MIGRATION_JOB_NAME"] = jobName;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(60)), "the hook did not finish");
        var callsFile = Path.Combine(dir, "calls");
        var cliCalls = Path.Combine(dir, "cli-calls");
        string[] calls = [.. File.Exists(callsFile) ? File.ReadAllLines(callsFile) : [], .. File.Exists(cliCalls) ? File.ReadAllLines(cliCalls).Select(c => "cli " + c) : []];
        return (process.ExitCode, output.Result, error.Result, calls);
    }
}
