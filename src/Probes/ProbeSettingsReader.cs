using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioning.Probes;

/// <summary>Result of reading settings: either usable settings or every problem found.</summary>
public sealed record ProbeSettingsResult(ProbeSettings? Settings, IReadOnlyList<SettingProblem> Problems)
{
    public bool IsValid => Settings is not null;

    /// <summary>One message listing every problem, for a start-up failure or a CLI error.</summary>
    public string Describe(string header) =>
        header + Environment.NewLine + string.Join(Environment.NewLine, Problems.Select(p => "  - " + p));
}

/// <summary>
/// Reads <see cref="ProbeSettings"/> from any name → value lookup (app settings, environment variables,
/// a merged view of CLI options) and reports all problems together instead of stopping at the first.
/// </summary>
public static partial class ProbeSettingsReader
{
    /// <param name="lookup">Returns the value of a setting, or null when it is not set.</param>
    /// <param name="where">Where the settings were expected, e.g. "app setting" or "environment variable".</param>
    public static ProbeSettingsResult Read(Func<string, string?> lookup, string where)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var problems = new List<SettingProblem>();

        var frontend = ReadUrl(lookup, SettingNames.FrontendUrl, "the frontend's public https URL (Bicep output FRONTEND_URL)", where, problems);
        var backend = ReadUrl(lookup, SettingNames.BackendUrl, "the backend's https URL (Bicep output BACKEND_URL)", where, problems);
        var mcp = ReadUrl(lookup, SettingNames.McpUrl, "the MCP endpoint URL ending in /mcp (Bicep output MCP_URL)", where, problems);

        var jwt = Required(lookup, SettingNames.JwtSecretKey, "the backend's HS256 key (a Key Vault reference)", where, problems);
        if (jwt is not null && Encoding.UTF8.GetByteCount(jwt) < 32)
        {
            problems.Add(new(SettingNames.JwtSecretKey, "is shorter than 32 bytes; HS256 keys must be at least 32 random bytes (docs/contract.md)"));
            jwt = null;
        }

        var database = Required(lookup, SettingNames.DatabaseUrl, "postgresql://USER:PASSWORD@HOST:5432/todo?sslmode=require or Host=…;Database=todo (a Key Vault reference)", where, problems);
        // Malformed is found at start-up, not on the first run a minute later; the parser's message never holds the value.
        if (database is not null && !Database.Configuration.DatabaseUrl.TryParse(database, out _, out var databaseError))
        {
            problems.Add(new(SettingNames.DatabaseUrl, databaseError));
            database = null;
        }

        var environment = Required(lookup, SettingNames.Environment, "the environment name, e.g. dev; the probe reads as user probe-<env>", where, problems);
        if (environment is not null && !EnvironmentName().IsMatch(environment))
        {
            problems.Add(new(SettingNames.Environment, $"'{environment}' is not an environment name: use lowercase letters, digits and '-'"));
            environment = null;
        }

        // Unset, each check keeps the time limit the contract gives it (the catalogue's CheckSpec.TimeLimit).
        var timeout = ReadSeconds(lookup, SettingNames.CheckTimeoutSeconds, "each check's contract time limit", problems);
        var deadline = ReadSeconds(lookup, SettingNames.RunDeadlineSeconds, Seconds(ProbeSettings.DefaultRunDeadline), problems)
            ?? ProbeSettings.DefaultRunDeadline;

        if (problems.Count > 0)
        {
            return new(null, problems);
        }
        return new(new ProbeSettings
        {
            FrontendUrl = frontend!,
            BackendUrl = backend!,
            McpUrl = mcp!,
            JwtSecretKey = jwt!,
            DatabaseUrl = database!,
            Environment = environment!,
            CheckTimeout = timeout,
            RunDeadline = deadline,
        }, problems);
    }

    private static string? Required(Func<string, string?> lookup, string name, string expected, string where, List<SettingProblem> problems)
    {
        var value = lookup(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(name, $"is not set; expected as {where} {name}: {expected}"));
            return null;
        }
        return value.Trim();
    }

    private static Uri? ReadUrl(Func<string, string?> lookup, string name, string expected, string where, List<SettingProblem> problems)
    {
        var value = Required(lookup, name, expected, where, problems);
        if (value is null)
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new(name, $"'{value}' is not an absolute http(s) URL; expected {expected}"));
            return null;
        }
        return uri;
    }

    /// <summary>The setting in seconds; null when unset (or wrong, which adds a problem).</summary>
    private static TimeSpan? ReadSeconds(Func<string, string?> lookup, string name, string unsetMeans, List<SettingProblem> problems)
    {
        var value = lookup(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 600)
        {
            problems.Add(new(name, $"'{value}' is not a number of seconds between 0 and 600 (leave it unset for {unsetMeans})"));
            return null;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex EnvironmentName();
}
