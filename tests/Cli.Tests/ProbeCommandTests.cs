using System.Text.Json;
using Provisioning.Cli.Commands;
using Provisioning.Probes;
using Provisioning.ProbeServers;

namespace Provisioning.Cli.Tests;

/// <summary>Acceptance 4: the probe command's table, JSON and exit codes, against real local servers.</summary>
[TestClass]
public sealed class ProbeCommandTests
{
    private static TodoStack stack = null!;

    [ClassInitialize]
    public static async Task StartStack(TestContext context) => stack = await TodoStack.StartAsync();

    [ClassCleanup]
    public static async Task StopStack() => await stack.DisposeAsync();

    private static Func<string, string?> Secrets(string jwtKey, string? databaseUrl = null) => name => name switch
    {
        "JWT_SECRET_KEY" => jwtKey,
        "DATABASE_URL" => databaseUrl ?? TodoStack.UnreachableDatabaseUrl(),
        // Nothing in these runs is meant to hang (the database is refused at once, the rest answers), so the budgets
        // are wide: a short one only turned a starved machine's slow refusal into a wrong "timeout" verdict.
        "PROBE_CHECK_TIMEOUT_SECONDS" => "30",
        "PROBE_RUN_DEADLINE_SECONDS" => "90",
        _ => null,
    };

    private static ProbeInvocation Explicit(TodoStack target, bool json = false) =>
        new("test", target.Frontend.Url.ToString(), target.Backend.Url.ToString(), target.McpUrl.ToString(), Json: json);

    private static async Task<(int Exit, string Out, string Err)> RunAsync(ProbeInvocation invocation, Func<string, string?> environment, string? workingDirectory = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ProbeCommand.RunAsync(invocation, environment, workingDirectory ?? Path.GetTempPath(), output, error, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(180));
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task The_table_lists_every_check_with_outcome_and_reason_and_a_failed_check_exits_1()
    {
        var (exit, output, _) = await RunAsync(Explicit(stack), Secrets(stack.JwtSecretKey));

        Assert.AreEqual(ExitCodes.CheckFailed, exit, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("Probe of environment 'test'", lines[0]);
        StringAssert.StartsWith(lines[1], "CHECK");
        foreach (var name in StandardChecks.Names)
        {
            Assert.IsTrue(lines.Any(l => l.StartsWith(name + " ", StringComparison.Ordinal)), $"{name} row missing:\n{output}");
        }
        var database = lines.Single(l => l.StartsWith("database.schema ", StringComparison.Ordinal));
        StringAssert.Contains(database, "FAIL");
        StringAssert.Contains(database, "refused");
        StringAssert.Contains(lines.Single(l => l.StartsWith("mcp.backend ", StringComparison.Ordinal)), "PASS");
        StringAssert.Contains(lines[^1], $"{StandardChecks.Names.Count} checks: {StandardChecks.Names.Count - 1} pass, 1 fail");
        // The columns line up: every row's OUTCOME starts where the header's does.
        var column = lines[1].IndexOf("OUTCOME", StringComparison.Ordinal);
        Assert.IsTrue(lines[2..^1].All(l => l[column - 2] == ' ' && l[column] != ' '), output);
    }

    [TestMethod]
    public async Task Json_output_is_one_document_with_every_result_and_the_exit_code()
    {
        var (exit, output, _) = await RunAsync(Explicit(stack, json: true), Secrets(stack.JwtSecretKey));

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.AreEqual("test", root.GetProperty("environment").GetString());
        Assert.AreEqual("fail", root.GetProperty("overall").GetString());
        Assert.AreEqual(exit, root.GetProperty("exitCode").GetInt32());
        var results = root.GetProperty("results").EnumerateArray().ToList();
        CollectionAssert.AreEqual(StandardChecks.Names.ToList(), results.Select(r => r.GetProperty("name").GetString()).ToList());
        var first = results[0];
        Assert.AreEqual("frontend", first.GetProperty("component").GetString());
        Assert.AreEqual("pass", first.GetProperty("outcome").GetString());
        Assert.AreEqual("None", first.GetProperty("failureKind").GetString());
        Assert.IsGreaterThan(0, first.GetProperty("durationMs").GetDouble());
        Assert.AreEqual("Refused", results.Single(r => r.GetProperty("name").GetString() == CheckNames.DatabaseSchema).GetProperty("failureKind").GetString());
    }

    [TestMethod]
    public async Task A_backend_allowing_any_origin_with_credentials_exits_3()
    {
        await using var open = await TodoStack.StartAsync(backend: new BackendOptions(Cors: BackendCors.AnyOriginWithCredentials));

        var (exit, output, _) = await RunAsync(Explicit(open), Secrets(open.JwtSecretKey));

        Assert.AreEqual(ExitCodes.SecurityFailure, exit, output);
        var row = output.Split('\n').Single(l => l.StartsWith(CheckNames.FrontendBackend + " ", StringComparison.Ordinal));
        StringAssert.Contains(row, "SECURITY-FAIL");
        StringAssert.Contains(row, "Access-Control-Allow-Credentials: true");
    }

    [TestMethod]
    public async Task From_outside_the_checks_of_internal_apps_are_not_run_and_do_not_fail_the_run()
    {
        var unreachableMcp = $"http://127.0.0.1:{Provisioning.TestSupport.FreePort.Refusing()}/mcp";
        var invocation = new ProbeInvocation("test", stack.Frontend.Url.ToString(), stack.Backend.Url.ToString(), unreachableMcp, Json: true, From: ProbeLocation.Outside);

        var (exit, output, error) = await RunAsync(invocation, Secrets(stack.JwtSecretKey));

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r);
        foreach (var mcpCheck in new[] { CheckNames.McpHandshake, CheckNames.McpBackend })
        {
            Assert.AreEqual("not-run", results[mcpCheck].GetProperty("outcome").GetString(), output);
            StringAssert.Contains(results[mcpCheck].GetProperty("reason").GetString(), "not run from here");
        }
        // The stand-in stack has no PostgreSQL: database.schema is the only failure, so the not-run checks did not count.
        CollectionAssert.AreEqual(new[] { CheckNames.DatabaseSchema },
            results.Values.Where(r => r.GetProperty("outcome").GetString() is not ("pass" or "not-run")).Select(r => r.GetProperty("name").GetString()).ToList());
        Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
    }

    [TestMethod]
    public async Task From_inside_an_unreachable_mcp_fails_and_the_table_suggests_from_outside()
    {
        var unreachableMcp = $"http://127.0.0.1:{Provisioning.TestSupport.FreePort.Refusing()}/mcp";

        var (exit, output, _) = await RunAsync(new ProbeInvocation("test", stack.Frontend.Url.ToString(), stack.Backend.Url.ToString(), unreachableMcp), Secrets(stack.JwtSecretKey));

        Assert.AreEqual(ExitCodes.CheckFailed, exit, output);
        StringAssert.Contains(output.Split('\n').Single(l => l.StartsWith(CheckNames.McpHandshake + " ", StringComparison.Ordinal)), "FAIL");
        StringAssert.Contains(output, "if this probe runs outside the environment, say so with --from outside");
    }

    [TestMethod]
    public void The_from_option_parses_inside_and_outside()
    {
        var command = ProbeCommand.Create();

        Assert.AreEqual(ProbeLocation.Outside, command.Parse(["-e", "dev", "--from", "outside"]).GetValue<ProbeLocation>("--from"));
        Assert.AreEqual(ProbeLocation.Inside, command.Parse(["-e", "dev"]).GetValue<ProbeLocation>("--from"));
        Assert.IsNotEmpty(command.Parse(["-e", "dev", "--from", "mars"]).Errors);
    }

    [TestMethod]
    public async Task A_backend_accepting_forged_tokens_exits_3()
    {
        await using var forged = await TodoStack.StartAsync(backend: new BackendOptions(AcceptsAnyToken: true));

        var (exit, output, _) = await RunAsync(Explicit(forged, json: true), Secrets(forged.JwtSecretKey));

        Assert.AreEqual(ExitCodes.SecurityFailure, exit);
        using var document = JsonDocument.Parse(output);
        Assert.AreEqual("security-fail", document.RootElement.GetProperty("overall").GetString());
    }

    [TestMethod]
    public async Task Missing_secrets_and_urls_exit_2_listing_every_problem_without_running()
    {
        var (exit, output, error) = await RunAsync(new ProbeInvocation(), _ => null);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        Assert.AreEqual("", output);
        foreach (var expected in new[] { "FRONTEND_URL", "BACKEND_URL", "MCP_URL", "JWT_SECRET_KEY", "DATABASE_URL", "-e/--environment" })
        {
            StringAssert.Contains(error, expected);
        }
    }

    [TestMethod]
    public async Task Urls_come_from_the_azd_environment_file()
    {
        var project = Directory.CreateTempSubdirectory("probe-azd-");
        try
        {
            Directory.CreateDirectory(Path.Combine(project.FullName, ".azure", "test"));
            await File.WriteAllTextAsync(Path.Combine(project.FullName, ".azure", "test", ".env"),
                $"""
                AZURE_ENV_NAME="test"
                FRONTEND_URL="{stack.Frontend.Url}"
                BACKEND_URL="{stack.Backend.Url}"
                MCP_URL="{stack.McpUrl}"
                """);

            var (exit, output, error) = await RunAsync(new ProbeInvocation("test", Json: true), Secrets(stack.JwtSecretKey), project.FullName);

            Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
            using var document = JsonDocument.Parse(output);
            var backendHealth = document.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "backend.health");
            Assert.AreEqual("pass", backendHealth.GetProperty("outcome").GetString());
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Urls_come_from_deployment_outputs_and_explicit_options_override_them()
    {
        var outputs = Path.GetTempFileName();
        try
        {
            // BACKEND_URL in the file points nowhere; the option replaces it.
            await File.WriteAllTextAsync(outputs, $$"""
                {
                  "FRONTEND_URL": { "type": "String", "value": "{{stack.Frontend.Url}}" },
                  "BACKEND_URL": { "type": "String", "value": "http://127.0.0.1:9/" },
                  "MCP_URL": { "type": "String", "value": "{{stack.McpUrl}}" }
                }
                """);

            var (exit, output, error) = await RunAsync(
                new ProbeInvocation("test", BackendUrl: stack.Backend.Url.ToString(), OutputsFile: outputs, Json: true), Secrets(stack.JwtSecretKey));

            Assert.AreEqual(ExitCodes.CheckFailed, exit, error);
            using var document = JsonDocument.Parse(output);
            var failing = document.RootElement.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("outcome").GetString() != "pass").Select(r => r.GetProperty("name").GetString()).ToList();
            CollectionAssert.AreEqual(new[] { "database.schema" }, failing);
        }
        finally
        {
            File.Delete(outputs);
        }
    }

    [TestMethod]
    public async Task A_missing_azd_environment_file_is_invalid_input_naming_the_path()
    {
        var (exit, _, error) = await RunAsync(new ProbeInvocation("nosuchenv"), Secrets(stack.JwtSecretKey), Path.GetTempPath());

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error, Path.Combine(".azure", "nosuchenv", ".env"));
    }

    [TestMethod]
    public async Task The_command_line_parses_into_a_run()
    {
        // Through System.CommandLine: unknown options are rejected before anything runs.
        var command = ProbeCommand.Create();
        var parse = command.Parse(["-e", "dev", "--frontend-url", "https://f", "--json", "--jwt-secret-key", "x"]);

        Assert.IsNotEmpty(parse.Errors, "secrets are never accepted as arguments");
        Assert.AreEqual("dev", parse.GetValue<string?>("--environment"));
        await Task.CompletedTask;
    }
}
