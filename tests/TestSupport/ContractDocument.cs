using System.Text.RegularExpressions;

namespace Provisioning.TestSupport;

/// <summary>One row of the contract's environment variable matrix, for one variable name.</summary>
public sealed record ContractVariable(string Name, IReadOnlyList<string> Components, bool IsSecret);

/// <summary>
/// The tables of docs/contract.md, read the way a person reads them. Tests that check the generated templates
/// against the contract take their expectations from here, never from the generator's own model.
/// </summary>
public static partial class ContractDocument
{
    public static string Path => System.IO.Path.Combine(TestFolders.RepositoryRoot, "docs", "contract.md");

    private static readonly Lazy<string> Text = new(() => File.ReadAllText(Path));

    /// <summary>
    /// "Environment variables (who gets what)": one row per variable and component; a variable cell may name several
    /// variables; the secret column starts with <c>**yes**</c> for secrets.
    /// </summary>
    public static IReadOnlyList<ContractVariable> Variables()
    {
        var table = Table("## Environment variables");
        var header = table[0];
        var component = header.IndexOf("component");
        var secret = header.FindIndex(h => h.StartsWith("secret", StringComparison.Ordinal));
        return [.. table.Skip(1)
            .SelectMany(row => Names(row[0]).Select(name => (Name: name, Component: row[component], IsSecret: row[secret].StartsWith("**yes**", StringComparison.Ordinal))))
            .GroupBy(v => (v.Name, v.IsSecret))
            .Select(g => new ContractVariable(g.Key.Name, [.. g.Select(v => v.Component)], g.Key.IsSecret))];
    }

    /// <summary>"Success criteria": each objective (its SC number, first word of its cell) with its target in percent and the checks that measure it.</summary>
    public static IReadOnlyList<(string Objective, decimal TargetPercent, IReadOnlyList<string> Checks)> Objectives() =>
        [.. Table("## Success criteria")[1..].Select(row => (row[0].Split(' ')[0],
            decimal.Parse(row[1].TrimEnd(' ', '%'), System.Globalization.CultureInfo.InvariantCulture),
            (IReadOnlyList<string>)[.. Names(row[2])]))];

    /// <summary>"What verified means": each check with its component, time limit in seconds and alert policy.</summary>
    public static IReadOnlyList<(string Name, string Component, int TimeLimitSeconds, string Alert)> Checks()
    {
        var table = Table("## What \"verified\" means");
        var header = table[0];
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidOperationException($"the check table has no column '{name}'");
        var (component, limit, alert) = (Column("component"), Column("time limit"), Column("alert"));
        return [.. table.Skip(1).Select(row => (Names(row[0]).Single(), row[component], int.Parse(row[limit].TrimEnd(' ', 's'), System.Globalization.CultureInfo.InvariantCulture), row[alert]))];
    }

    /// <summary>Per component: the plain and the secret variables the contract gives it.</summary>
    public static IReadOnlyDictionary<string, (HashSet<string> Plain, HashSet<string> Secret)> Matrix()
    {
        var variables = Variables();
        var components = variables.SelectMany(v => v.Components).Distinct(StringComparer.Ordinal).ToList();
        return components.ToDictionary(c => c, c => (
            variables.Where(v => !v.IsSecret && v.Components.Contains(c)).Select(v => v.Name).ToHashSet(StringComparer.Ordinal),
            variables.Where(v => v.IsSecret && v.Components.Contains(c)).Select(v => v.Name).ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>"Components": name → (port, ingress) of every row, e.g. <c>mcp</c> → (<c>8001</c>, <c>**internal only** …</c>).</summary>
    public static IReadOnlyDictionary<string, (string Port, string Ingress)> Components() =>
        Table("## Components").Skip(1).ToDictionary(row => Names(row[0]).Single(), row => (row[2], row[3]));

    /// <summary>"Database roles": each role with its component, Key Vault secret, deployment variable and Bicep parameter.</summary>
    public static IReadOnlyList<(string Role, string Component, string Secret, string Variable, string Parameter)> DatabaseRoles() =>
        [.. Table("## Database roles")[1..].Select(row => (Names(row[0]).First(), row[1].Split(' ')[0], Names(row[3]).Single(), Names(row[4]).Single(), Names(row[5]).Single()))];

    /// <summary>"Database roles", the migration job's table: its variable → the Key Vault secret behind it.</summary>
    public static IReadOnlyDictionary<string, string> MigrateSecrets() =>
        Table("| migrate variable")[1..].ToDictionary(row => Names(row[0]).Single(), row => Names(row[1]).Single());

    /// <summary>The first table after <paramref name="heading"/> (or starting with it), as trimmed cells per row, the separator row left out.</summary>
    public static List<List<string>> Table(string heading)
    {
        var lines = Text.Value.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"docs/contract.md has no section '{heading}'.");
        }
        // A heading names its section; a table's own header row may also serve as the heading.
        return [.. lines.Skip(lines[start].StartsWith('|') ? start : start + 1)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Where(l => !SeparatorRow().IsMatch(l))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList())];
    }

    private static IEnumerable<string> Names(string cell) => Code().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^\|[\s:|-]+\|\s*$")]
    private static partial Regex SeparatorRow();
}
