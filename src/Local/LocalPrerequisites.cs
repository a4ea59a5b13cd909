namespace Provisioning.Local;

/// <summary>One thing the local stack needs from the machine that is not there, with the command that provides it.</summary>
public sealed record MissingPrerequisite(string What, string Fix)
{
    public override string ToString() => $"{What}. Fix: {Fix}";
}

/// <summary>
/// What <c>local up</c> needs from the machine before it starts anything: Debian's Python with the contract backend's
/// packages (the backend fixture runs on /usr/bin/python3), and Node with npm (the mcp and frontend fixtures). npm
/// packages the stack installs itself; system packages need root, so they are named with the command that installs them.
/// </summary>
public static class LocalPrerequisites
{
    /// <summary>The Python modules the backend fixture imports, and the Debian package of each.</summary>
    private static readonly (string Module, string Package)[] PythonModules =
    [
        ("fastapi", "python3-fastapi"),
        ("sqlmodel", "python3-sqlmodel"),
        ("jwt", "python3-jwt"),
        ("psycopg2", "python3-psycopg2"),
        ("uvicorn", "uvicorn"),
    ];

    public const string Python = "/usr/bin/python3";

    /// <summary>Everything missing, all at once (empty when the stack can start).</summary>
    public static async Task<IReadOnlyList<MissingPrerequisite>> FindMissingAsync(CancellationToken cancellationToken)
    {
        var missing = new List<MissingPrerequisite>();
        if (!File.Exists(Python))
        {
            missing.Add(new($"{Python} (Debian's Python, which runs the backend fixture) is not installed",
                $"apt-get update && apt-get install -y python3 {string.Join(' ', PythonModules.Select(m => m.Package))}"));
        }
        else
        {
            var absent = new List<string>();
            foreach (var (module, package) in PythonModules)
            {
                var result = await ChildCommand.RunAsync(Python, ["-c", $"import {module}"], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.ExitCode != 0)
                {
                    absent.Add(package);
                }
            }
            if (absent.Count > 0)
            {
                missing.Add(new($"the backend fixture's Python packages are missing from {Python} ({string.Join(", ", absent)})",
                    $"apt-get update && apt-get install -y {string.Join(' ', absent)}"));
            }
        }
        foreach (var tool in new[] { "node", "npm" })
        {
            if (!OnPath(tool))
            {
                missing.Add(new($"'{tool}' is not on PATH (the mcp and frontend fixtures run on Node)", "apt-get update && apt-get install -y nodejs npm"));
            }
        }
        return missing;
    }

    private static bool OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, executable)));
}
