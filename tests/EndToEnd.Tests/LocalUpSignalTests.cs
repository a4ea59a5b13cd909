using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// `local up` leaves nothing behind however it is stopped: Ctrl+C (SIGINT), SIGTERM, a hangup (SIGHUP), or the death of
/// the process that started it (what a hangup does to `dotnet run`, which does not pass it on). The run gets its own
/// TMPDIR, so every temporary folder it makes is in one place, and every process it starts (PostgreSQL daemonises,
/// so it is no descendant) carries that TMPDIR in its environment: both are listed before and after.
/// </summary>
[TestClass]
public sealed class LocalUpSignalTests
{
    [TestMethod]
    [DataRow("INT", false, DisplayName = "SIGINT (Ctrl+C)")]
    [DataRow("TERM", false, DisplayName = "SIGTERM")]
    [DataRow("HUP", false, DisplayName = "SIGHUP")]
    [DataRow("HUP", true, DisplayName = "SIGHUP to the parent (as to dotnet run)")]
    public async Task Nothing_is_left_behind(string signal, bool toParent)
    {
        var tmp = Directory.CreateTempSubdirectory("local-up-signal.").FullName;
        // Like /tmp: PostgreSQL runs as its own user and makes its folders here too.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(tmp, (UnixFileMode)0b1_111_111_111);
        }
        var cli = Path.Combine(AppContext.BaseDirectory, "provisioning.dll");
        var command = $"dotnet '{cli}' local up --bundle '{StackFixture.BundlePath}' -e signals; echo parent-still-here";
        // bash as the parent stands in for `dotnet run`: it dies of the hangup and, not being interactive, passes nothing on.
        // Both start with every signal at its default disposition, as in a terminal. The test runner's own may differ and
        // would be inherited: a program started in the background of a non-interactive shell inherits SIGINT as ignored
        // (measured under scripts/test-under-load.sh), and one started under nohup inherits SIGHUP as ignored.
        var start = new ProcessStartInfo("env", ["--default-signal", "bash", "-c", command])
        {
            WorkingDirectory = StackFixture.Paths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TMPDIR"] = tmp;
        var output = new StringBuilder();
        using var parent = new Process { StartInfo = start };
        parent.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        parent.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        parent.Start();
        parent.BeginOutputReadLine();
        parent.BeginErrorReadLine();
        try
        {
            for (var i = 0; i < 480 && !Text(output).Contains("Press Ctrl+C", StringComparison.Ordinal) && !parent.HasExited; i++)
            {
                await Task.Delay(250);
            }
            StringAssert.Contains(Text(output), "Press Ctrl+C", Text(output));
            var started = Started(tmp);
            var app = started.Single(p => Parent(p) == parent.Id);
            Assert.IsTrue(started.Count >= 4, $"the stack runs PostgreSQL, the backend, mcp and the frontend: {Describe(started)}");
            Assert.IsNotEmpty(Directory.GetFileSystemEntries(tmp), "the run keeps its folders in its TMPDIR");

            Assert.AreEqual(0, Kill(toParent ? parent.Id : app, signal), $"kill -{signal}");

            // Bounded wait for everything to go: the stack stops its components, PostgreSQL, and deletes its folders.
            for (var i = 0; i < 240 && (Started(tmp).Count > 0 || Directory.GetFileSystemEntries(tmp).Length > 0); i++)
            {
                await Task.Delay(250);
            }
            Assert.IsEmpty(Started(tmp), $"left running after SIGHUP{(toParent ? " to the parent" : "")}: {Describe(Started(tmp))}\n{Text(output)}");
            Assert.IsEmpty(Directory.GetFileSystemEntries(tmp), $"left in TMPDIR: {string.Join(", ", Directory.GetFileSystemEntries(tmp))}");
            StringAssert.Contains(Text(output), "local: stopping");
        }
        finally
        {
            foreach (var pid in Started(tmp))
            {
                Kill(pid, "KILL");
            }
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }
            Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>Live processes (not zombies) whose environment holds this run's TMPDIR: everything the run started.</summary>
    private static List<int> Started(string tmp)
    {
        var marker = Encoding.UTF8.GetBytes("TMPDIR=" + tmp + "\0");
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                var environment = File.ReadAllBytes(Path.Combine(dir, "environ"));
                if (environment.AsSpan().IndexOf(marker) >= 0 && State(pid) != "Z" && Parent(pid) != Environment.ProcessId)
                {
                    pids.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone between listing and reading.
            }
        }
        return pids;
    }

    private static string[] Stat(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static string State(int pid) => Stat(pid)[0];

    private static int Parent(int pid)
    {
        try
        {
            return int.Parse(Stat(pid)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static string Describe(IEnumerable<int> pids) => string.Join("; ", pids.Select(pid =>
    {
        try
        {
            return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}";
        }
        catch (IOException)
        {
            return $"{pid} (gone)";
        }
    }));

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit(TimeSpan.FromSeconds(10));
        return kill.ExitCode;
    }
}
