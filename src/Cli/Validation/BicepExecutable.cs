using System.Reflection;
using Provisioning.Bicep.Tooling;

namespace Provisioning.Cli.Validation;

/// <summary>Where the CLI finds the Bicep binary and the strict configuration at run time.</summary>
internal static class BicepExecutable
{
    /// <summary>The Bicep binary restored from the NuGet package, or null with the reason it is missing.</summary>
    public static (string? Path, string? Problem) Find()
    {
        var baked = typeof(BicepExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        var path = string.IsNullOrEmpty(baked) ? null : System.IO.Path.GetFullPath(baked.Replace('\\', '/'));
        return path is not null && File.Exists(path)
            ? (BicepProcess.EnsureExecutable(path), null)
            : (null, $"the Bicep CLI was not found at '{path}'; run `dotnet restore src/Cli` so the package Azure.Bicep.CommandLine.linux-x64 is restored");
    }

    public static string StrictConfigPath => System.IO.Path.Combine(AppContext.BaseDirectory, BicepProcess.StrictConfigFileName);
}
