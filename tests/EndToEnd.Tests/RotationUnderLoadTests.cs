using Npgsql;
using Provisioning.Local;
using Provisioning.Local.Rotation;
using Provisioning.Secrets.Rotation;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// Issue 17, the proof: the rotations `secrets rotate` runs against Azure (<see cref="JwtRotation"/>,
/// <see cref="DatabaseRotation"/>, the same plans) carried out on a local stack of its own, whose components sit
/// behind an ingress so a roll-out replaces a process as a new revision does, while a <see cref="RequestLoop"/> keeps
/// sending authenticated requests on the browser, MCP and probe paths. Acceptance: 0 failed requests. The frontend's
/// session tokens live 30 s here (FIXTURE_TOKEN_LIFETIME_SECONDS), which is the window's length; 15 minutes in Azure.
/// </summary>
[TestClass]
public sealed class RotationUnderLoadTests
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(30);
    private const int MaxRequests = 250_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(4);

    private static LocalStack? stack;
    private static LocalVault? vault;
    private static LocalRotationPlatform? platform;

    private static LocalStack Stack => stack ?? throw new InvalidOperationException("the rotation stack did not start");

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        stack = await LocalStack.StartAsync(new LocalStackOptions(StackFixture.Paths, StackFixture.BundlePath, "rotation", Revisions: true,
            FixtureVariables: new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [TodoSystem.Frontend] = new Dictionary<string, string> { ["FIXTURE_TOKEN_LIFETIME_SECONDS"] = $"{TokenLifetime.TotalSeconds:0}" },
            }), context.CancellationTokenSource.Token);
        // The vault holds this run's values; from now on every component reads its secrets there.
        vault = new LocalVault(stack.Configuration, stack.Endpoints, stack.Secrets);
        stack.Vault = vault;
        platform = new LocalRotationPlatform(stack, vault);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
    }

    private static RotationContext Context(TimeSpan tokenLifetime) => new(TodoSystem.Description, vault!, platform!, TimeProvider.System, tokenLifetime);

    private static RequestLoop StartLoop() => RequestLoop.Start(Stack, () => platform!.ProbeVariables, MaxRequests, MaxDuration);

    private async Task<LoopResult> UnderLoadAsync(Func<StringWriter, Task> rotation, string what)
    {
        var loop = StartLoop();
        // Every worker holds a session token signed with the key of the moment before anything changes.
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var output = new StringWriter();
        try
        {
            await rotation(output);
        }
        finally
        {
            TestContext.WriteLine(output.ToString());
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        var result = await loop.StopAsync();
        TestContext.WriteLine($"{what}: {result}");
        Assert.IsFalse(result.ReachedBound, "the loop ran out of requests before the rotation ended");
        foreach (var path in new[] { "browser page", "browser token", "browser preflight", "browser tasks", "mcp list_tasks", "probe tasks", "probe database" })
        {
            Assert.IsGreaterThanOrEqualTo(path == "browser token" ? 3 : 20, result.ByPath.GetValueOrDefault(path), $"{path}: too few requests to prove anything ({result})");
        }
        return result;
    }

    [TestMethod]
    public async Task A_jwt_rotation_under_load_fails_no_request_and_the_old_key_is_refused_after_it()
    {
        var oldKey = vault!.Latest(TodoSystem.JwtSecretKeySecret)!;
        var result = await UnderLoadAsync(async output =>
            await (await JwtRotation.PlanAsync(Context(TokenLifetime), CancellationToken.None)).RunAsync(output, CancellationToken.None), "jwt rotation");
        Assert.IsEmpty(result.Failures, result.ToString());

        var newKey = vault.Latest(TodoSystem.JwtSecretKeySecret)!;
        Assert.AreNotEqual(oldKey, newKey);
        Assert.IsNull(vault.Latest(TodoSystem.JwtSecretKeyPreviousSecret), "close step 2 disabled the previous key");
        Assert.IsFalse(Stack.VariablesOf(TodoSystem.Backend).ContainsKey("JWT_SECRET_KEY_PREVIOUS"));
        Assert.AreEqual(401, (await Api.GetTasksAsync(Stack, "rotation", Api.CSharpToken(oldKey, "rotation"))).Status, "the old key is refused");
        Assert.AreEqual(200, (await Api.GetTasksAsync(Stack, "rotation", Api.CSharpToken(newKey, "rotation"))).Status);
    }

    [TestMethod]
    public async Task An_interrupted_jwt_rotation_resumes_where_it_stopped_and_no_request_fails()
    {
        var result = await UnderLoadAsync(async output =>
        {
            // Interrupted right after the promotion: the new key is current, no issuer has moved.
            using var interrupt = new CancellationTokenSource();
            var plan = await JwtRotation.PlanAsync(Context(TokenLifetime), CancellationToken.None);
            var stopped = new StoppingWriter(output, "  3/7 done (", interrupt);
            await Assert.ThrowsAsync<OperationCanceledException>(() => plan.RunAsync(stopped, interrupt.Token));
            var resumed = await JwtRotation.PlanAsync(Context(TokenLifetime), CancellationToken.None);
            StringAssert.Contains(resumed.Note, "resuming rotation");
            CollectionAssert.AreEqual(new[] { true, true, true, false, false, false, false }, resumed.Steps.Select(s => s.Done).ToList());
            await resumed.RunAsync(output, CancellationToken.None);
        }, "interrupted jwt rotation");
        Assert.IsEmpty(result.Failures, result.ToString());
    }

    [TestMethod]
    public async Task A_database_rotation_of_each_workload_role_under_load_fails_no_request_and_the_old_password_is_refused()
    {
        var oldBackendUrl = Stack.VariablesOf(TodoSystem.Backend)[SettingNames.DatabaseUrl];
        var oldProbeUrl = platform!.ProbeVariables[SettingNames.DatabaseUrl];
        var result = await UnderLoadAsync(async output =>
        {
            foreach (var role in new[] { TodoSystem.AppRole, TodoSystem.ProbeRole })
            {
                await (await DatabaseRotation.PlanAsync(Context(TokenLifetime), role, CancellationToken.None)).RunAsync(output, CancellationToken.None);
            }
        }, "database rotation (todo_app, todo_probe)");
        Assert.IsEmpty(result.Failures, result.ToString());

        var backendUrl = new Uri(Stack.VariablesOf(TodoSystem.Backend)[SettingNames.DatabaseUrl]);
        Assert.AreNotEqual(new Uri(oldBackendUrl).UserInfo.Split(':')[0], backendUrl.UserInfo.Split(':')[0], "the backend moved to the other login");
        foreach (var old in new[] { oldBackendUrl, oldProbeUrl })
        {
            var refused = await Assert.ThrowsExactlyAsync<PostgresException>(() => OpenAsync(old));
            Assert.AreEqual("28P01", refused.SqlState, "the login the component left no longer has the old password");
        }
        await OpenAsync(backendUrl.ToString());
        E2eProbe.AllGreen(await E2eProbe.RunAsync(Stack, jwtSecretKey: vault!.Latest(TodoSystem.JwtSecretKeySecret)));
    }

    /// <summary>
    /// The roll-out alone, with nothing rotated: what every rotation step leans on (and what a deployment of a new
    /// image does). Its contrast is the restart in place of the control below, which the same loop sees fail.
    /// </summary>
    [TestMethod]
    public async Task A_roll_out_of_each_component_under_load_fails_no_request()
    {
        var result = await UnderLoadAsync(async output =>
        {
            foreach (var component in new[] { TodoSystem.Backend, TodoSystem.Mcp, TodoSystem.Frontend })
            {
                await Stack.RollOutAsync(component);
                await output.WriteLineAsync($"{component} rolled out");
                Assert.IsTrue(Stack.IsRunning(component), $"{component} runs its new revision");
            }
        }, "roll-outs (backend, mcp, frontend)");
        Assert.IsEmpty(result.Failures, result.ToString());
    }

    [TestMethod]
    public async Task The_loop_sees_failures_when_the_window_is_closed_too_early_or_a_component_restarts_in_place()
    {
        // Control 1: the same rotation with no window: browser sessions signed with the old key are refused.
        var loop = StartLoop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var output = new StringWriter();
        await (await JwtRotation.PlanAsync(Context(TimeSpan.Zero), CancellationToken.None)).RunAsync(output, CancellationToken.None);
        TestContext.WriteLine(output.ToString());
        await Task.Delay(TimeSpan.FromSeconds(2));
        var early = await loop.StopAsync();
        TestContext.WriteLine($"window closed too early: {early}");
        Assert.IsTrue(early.Failures.Any(f => f.Contains("browser tasks", StringComparison.Ordinal) && f.Contains("401", StringComparison.Ordinal)), early.ToString());

        // Control 2: a stop and start instead of a roll-out.
        loop = StartLoop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Stack.StopComponentAsync(TodoSystem.Backend);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Stack.StartComponentAsync(TodoSystem.Backend);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restart = await loop.StopAsync();
        TestContext.WriteLine($"restart in place: {restart}");
        Assert.IsNotEmpty(restart.Failures, restart.ToString());
    }

    private static async Task OpenAsync(string url)
    {
        await using var connection = new NpgsqlConnection(RequestLoop.ConnectionString(url, TimeSpan.FromSeconds(10)));
        await connection.OpenAsync();
    }

    /// <summary>Passes lines on, and cancels the run once a given line was written (an interruption at a known step).</summary>
    private sealed class StoppingWriter(TextWriter inner, string line, CancellationTokenSource interrupt) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (value?.StartsWith(line, StringComparison.Ordinal) == true)
            {
                interrupt.Cancel();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
