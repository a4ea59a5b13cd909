using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// What <c>local up</c> prints once the stack is up: the URLs, and the probe command to run against them. The
/// secrets go into a file readable only by the user (probe.env in the run folder), never onto the screen.
/// </summary>
public static class LocalStackDescription
{
    public const string ProbeEnvironmentFile = "probe.env";

    /// <summary>Writes probe.env (mode 600) and returns the text to print.</summary>
    public static string Write(LocalStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var envFile = Path.Combine(stack.RunDirectory, ProbeEnvironmentFile);
        var lines = stack.VariablesOf(TodoSystem.Probe).Select(v => $"{v.Key}='{v.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'");
        File.WriteAllLines(envFile, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var e = stack.Endpoints;
        string[] text =
        [
            $"Local stack of environment '{stack.EnvironmentName}' is up (schema migrated by the bundle):",
            $"  frontend  {e.FrontendUrl}",
            $"  backend   {e.BackendUrl}",
            $"  mcp       {e.McpUrl}",
            $"  database  {stack.Postgres.Username}@{stack.Postgres.Host}:{stack.Postgres.Port}/{TodoSystem.Description.Database.Name}",
            $"  logs      {stack.RunDirectory}/<component>.log",
            "",
            $"Probe it from another shell in the repository root ({envFile} holds this run's JWT_SECRET_KEY and DATABASE_URL):",
            $"  {ProbeCommandLine(stack, envFile)}",
            "",
            "Press Ctrl+C to stop everything.",
        ];
        return string.Join(Environment.NewLine, text) + Environment.NewLine;
    }

    public static string ProbeCommandLine(LocalStack stack, string envFile)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var v = stack.VariablesOf(TodoSystem.Probe);
        return $"(set -a; . '{envFile}'; dotnet run --project src/Cli -- probe -e {v[SettingNames.Environment]} " +
            $"--frontend-url {v[SettingNames.FrontendUrl]} --backend-url {v[SettingNames.BackendUrl]} --mcp-url {v[SettingNames.McpUrl]})";
    }
}
