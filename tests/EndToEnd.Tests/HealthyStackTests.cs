using ModelContextProtocol.Protocol;
using Npgsql;
using Provisioning.Environments.Model;
using Provisioning.Local;
using Provisioning.Probes;
using Provisioning.TestSupport;

namespace Provisioning.EndToEnd.Tests;

/// <summary>The stack as `local up` starts it: every check green, and data written through MCP lands where it should.</summary>
[TestClass]
public sealed class HealthyStackTests
{
    private static LocalStack Stack => StackFixture.Stack;

    [TestMethod]
    public async Task Every_check_passes_against_the_local_stack_database_schema_included()
    {
        var report = await E2eProbe.RunAsync(Stack);

        E2eProbe.AllGreen(report);
        StringAssert.Contains(report[CheckNames.DatabaseSchema].Reason, "AddChat");
        StringAssert.Contains(report[CheckNames.BackendAuthz].Reason, "probe-e2e-peer");
    }

    [TestMethod]
    public async Task A_task_added_through_mcp_add_task_is_visible_through_the_backend_api_and_in_the_tasks_table()
    {
        var user = "e2e-user-" + Guid.NewGuid().ToString("N")[..8];
        var title = "buy milk " + Guid.NewGuid().ToString("N")[..6];

        var client = await Api.OpenMcpAsync(Stack);
        CallToolResult added;
        await using (client)
        {
            added = await client.CallToolAsync("add_task", new Dictionary<string, object?> { ["user_id"] = user, ["title"] = title });
        }
        var addedText = string.Concat(added.Content.OfType<TextContentBlock>().Select(t => t.Text));
        Assert.AreNotEqual(true, added.IsError, addedText);
        var id = Api.Json(addedText).GetProperty("id").GetInt32();

        var (status, body) = await Api.GetTasksAsync(Stack, user, Api.CSharpToken(Stack.Secrets.JwtSecretKey, user));
        Assert.AreEqual(200, status, body);
        var listed = Api.Json(body).EnumerateArray().Single();
        Assert.AreEqual(id, listed.GetProperty("id").GetInt32());
        Assert.AreEqual(title, listed.GetProperty("title").GetString());
        Assert.IsFalse(listed.GetProperty("completed").GetBoolean());

        await using var connection = new NpgsqlConnection(Stack.Postgres.AdminConnectionString(TodoSystem.Description.Database.Name));
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT user_id, title, completed, created_at FROM tasks WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", id);
        await using var row = await select.ExecuteReaderAsync();
        Assert.IsTrue(await row.ReadAsync(), $"task {id} is not in the tasks table");
        Assert.AreEqual(user, row.GetString(0));
        Assert.AreEqual(title, row.GetString(1));
        Assert.IsFalse(row.GetBoolean(2));
        Assert.IsFalse(row.IsDBNull(3), "created_at comes from the column default the migration created");
    }

    [TestMethod]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Local_up_prints_the_urls_and_a_probe_command_and_keeps_the_secrets_in_a_private_file()
    {
        var text = LocalStackDescription.Write(Stack);

        StringAssert.Contains(text, Stack.Endpoints.FrontendUrl.ToString());
        StringAssert.Contains(text, Stack.Endpoints.McpUrl.ToString());
        StringAssert.Contains(text, "dotnet run --project src/Cli -- probe -e e2e");
        Assert.DoesNotContain(Stack.Secrets.JwtSecretKey, text);
        var envFile = Path.Combine(Stack.RunDirectory, LocalStackDescription.ProbeEnvironmentFile);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));
        var lines = await File.ReadAllLinesAsync(envFile);
        CollectionAssert.Contains(lines, $"JWT_SECRET_KEY='{Stack.Secrets.JwtSecretKey}'");
    }

    [TestMethod]
    public void Each_component_gets_the_variables_of_the_contract_and_nothing_else()
    {
        // The contract's table says who gets what; locally, the secrets an environment may leave unset (optional
        // ones, and those an environment-file switch turns on) are left unset, as LocalSecrets documents.
        var system = TodoSystem.Description;
        var unsetParameters = system.SecureParameters.Where(p => p.Optional || p.When is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unset = system.Components.SelectMany(c => c.Variables)
            .Where(v => v.Source is SecretValue s && system.Secret(s.Secret).Content.Parameters.Any(unsetParameters.Contains))
            .Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var contract = ContractDocument.Matrix();
        var contractVariables = contract.Values.SelectMany(v => v.Plain.Concat(v.Secret)).ToHashSet(StringComparer.Ordinal);
        foreach (var (component, (plain, secret)) in contract)
        {
            CollectionAssert.AreEquivalent(
                plain.Concat(secret).Where(v => !unset.Contains(v)).ToList(),
                Stack.VariablesOf(component).Keys.Where(contractVariables.Contains).ToList(),
                component);
        }
        Assert.AreEqual(Stack.Endpoints.McpUrl.ToString(), Stack.VariablesOf(TodoSystem.Backend)["MCP_SERVER_URL"]);
        Assert.AreEqual(Stack.VariablesOf(TodoSystem.Frontend)["REACT_APP_BACKEND_URL"], Stack.VariablesOf(TodoSystem.Mcp)["MCP_BACKEND_URL"]);
    }

    [TestMethod]
    public void Each_component_connects_to_the_database_as_its_own_role()
    {
        // docs/contract.md, "Database roles": the migration job owns the schema, the backend and the probe get
        // their own least-privileged roles, which the job created in this run (the healthy probe run used them).
        Assert.AreEqual("todo_owner", UserOf(Stack.VariablesOf(TodoSystem.Migrate)["DATABASE_URL"]));
        Assert.AreEqual("todo_app", UserOf(Stack.VariablesOf(TodoSystem.Backend)["DATABASE_URL"]));
        Assert.AreEqual("todo_probe", UserOf(Stack.VariablesOf(TodoSystem.Probe)["DATABASE_URL"]));
        Assert.AreEqual(Stack.Postgres.Username, UserOf(Stack.VariablesOf(TodoSystem.Migrate)["DATABASE_ADMIN_URL"]));
    }

    private static string UserOf(string databaseUrl) => Uri.UnescapeDataString(new Uri(databaseUrl).UserInfo.Split(':')[0]);
}
