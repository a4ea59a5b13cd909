using System.Diagnostics;

namespace Provisioning.Database.Benchmarks;

/// <summary>Builds the bundle once with scripts/build-bundle.sh (the same pinned dotnet-ef the job image uses).</summary>
internal static class BundleBuilder
{
    public static string Build()
    {
        var root = FindRoot();
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioning.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Provisioning.sln not found");
    }
}
