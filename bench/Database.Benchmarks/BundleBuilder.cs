using System.Diagnostics;
using Provisioning.TestSupport;

namespace Provisioning.Database.Benchmarks;

/// <summary>Builds the bundle once with scripts/build-bundle.sh (the same pinned dotnet-ef the job image uses).</summary>
internal static class BundleBuilder
{
    public static string Build()
    {
        var root = TestFolders.RepositoryRoot;
        var output = Path.Combine(Path.GetTempPath(), "provisioning-bench-bundle", "efbundle");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "build-bundle.sh"));
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("scripts/build-bundle.sh failed");
        }
        return output;
    }
}
