using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// `provisioning local up` as a person runs it: a separate process that prints the URLs and the probe command, serves
/// them, and on SIGTERM (what Ctrl+C and a closing terminal amount to) stops everything it started.
/// </summary>
[TestClass]
public sealed partial class LocalUpCommandTests
{
    [TestMethod]
    public async Task Local_up_serves_the_printed_urls_and_stops_everything_on_sigterm()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "provisioning.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "local", "up", "--bundle", StackFixture.BundlePath, "-e", "by-hand"])
        {
            WorkingDirectory = StackFixture.Paths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Bounded wait for the "is up" text (PostgreSQL, the bundle and three components start in a few seconds).
            for (var i = 0; i < 240 && !Text(output).Contains("Press Ctrl+C", StringComparison.Ordinal) && !process.HasExited; i++)
            {
                await Task.Delay(250);
            }
            var printed = Text(output);
            StringAssert.Contains(printed, "Press Ctrl+C", printed);
            StringAssert.Contains(printed, "dotnet run --project src/Cli -- probe -e by-hand");
            var frontend = new Uri(Url().Match(printed[printed.IndexOf("frontend  ", StringComparison.Ordinal)..]).Value);
            var runDirectory = RunDirectory().Match(printed).Groups[1].Value;
            Assert.IsTrue(Directory.Exists(runDirectory), printed);
            using (var page = await Api.Http.GetAsync(frontend))
            {
                Assert.AreEqual(200, (int)page.StatusCode);
            }

            Assert.AreEqual(0, Kill(process.Id, "TERM"), "kill -TERM");
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);

            Assert.AreEqual(0, process.ExitCode, Text(output));
            StringAssert.Contains(Text(output), "local: stopping");
            Assert.IsFalse(Directory.Exists(runDirectory), "the run folder (logs, probe.env with the key) is deleted");
            await Assert.ThrowsAsync<HttpRequestException>(() => Api.Http.GetAsync(frontend), "the frontend is stopped");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(TimeSpan.FromSeconds(10));
        return kill.ExitCode;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex Url();

    [GeneratedRegex(@"logs\s+(\S+)/<component>\.log")]
    private static partial Regex RunDirectory();
}
