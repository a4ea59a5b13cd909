using System.Security.Cryptography;
using Provisioning.Cli.Commands;
using Provisioning.ProbeServers;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// Secret hygiene of the probe under test: its table and JSON output, against local servers, with a database URL
/// carrying a real-looking password, hold neither the JWT key nor the password nor any secret-shaped value.
/// </summary>
[TestClass]
public sealed class ProbeSecretHygieneTests
{
    [TestMethod]
    public async Task Probe_output_holds_no_secret()
    {
        await using var stack = await TodoStack.StartAsync();
        var password = "Pw" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('/', '_').Replace('+', '-');
        var databaseUrl = $"postgresql://todo_probe:{Uri.EscapeDataString(password)}@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable";
        var findings = new List<string>();
        foreach (var json in new[] { false, true })
        {
            foreach (var key in new[] { stack.JwtSecretKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })
            {
                Func<string, string?> environment = name => name switch
                {
                    "JWT_SECRET_KEY" => key,
                    "DATABASE_URL" => databaseUrl,
                    "PROBE_CHECK_TIMEOUT_SECONDS" => "5",
                    "PROBE_RUN_DEADLINE_SECONDS" => "15",
                    _ => null,
                };
                using var output = new StringWriter();
                using var error = new StringWriter();
                var invocation = new ProbeInvocation("test", stack.Frontend.Url.ToString(), stack.Backend.Url.ToString(), stack.McpUrl.ToString(), Json: json);
                await ProbeCommand.RunAsync(invocation, environment, Path.GetTempPath(), output, error, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
                var text = output.ToString() + error.ToString();
                Assert.IsTrue(text.Contains("database.schema", StringComparison.Ordinal), "the probe ran");
                var source = json ? "probe --json" : "probe";
                findings.AddRange(SecretHygieneTests.Scan(source, text));
                foreach (var secret in new[] { key, password, Uri.EscapeDataString(password) })
                {
                    if (text.Contains(secret, StringComparison.Ordinal))
                    {
                        findings.Add($"{source}: a secret this test configured");
                    }
                }
            }
        }
        Console.WriteLine($"secret scan: 4 probe outputs, {findings.Count} secret(s) found");
        Assert.AreEqual(0, findings.Count, string.Join('\n', findings));
    }
}
