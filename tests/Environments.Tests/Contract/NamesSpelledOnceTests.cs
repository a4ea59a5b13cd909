using System.Reflection;
using System.Text.RegularExpressions;
using Provisioning.Catalogue;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Contract;

/// <summary>
/// What the system is, said once: no component, variable, setting, check, secret or database role name of the catalogue
/// is spelled as a string literal in more than one product file (src/, functions/). Everything else reads the
/// catalogue's constants, so a rename is a one-place change.
/// </summary>
[TestClass]
public sealed partial class NamesSpelledOnceTests
{
    [GeneratedRegex(@"(?<![@$\w])""((?:[^""\\\n]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    /// <summary>Every name the catalogue declares: its constants and every name in the system description.</summary>
    private static HashSet<string> CatalogueNames()
    {
        var system = TodoSystem.Description;
        var names = new HashSet<string>(StringComparer.Ordinal);
        names.UnionWith(system.Components.Select(c => c.Name));
        names.UnionWith(system.Components.SelectMany(c => c.Variables).Select(v => v.Name));
        names.UnionWith(system.Secrets.Select(s => s.Name));
        names.UnionWith(system.SecureParameters.SelectMany(p => new[] { p.Name, p.Variable }));
        names.UnionWith(system.Checks.Select(c => c.Name));
        foreach (var type in typeof(TodoSystem).Assembly.GetTypes().Where(t => t.IsAbstract && t.IsSealed))
        {
            names.UnionWith(type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (string)f.GetRawConstantValue()!));
        }
        // Short words (a path like "/mcp", a port's name) are not names of the system.
        names.RemoveWhere(n => n.Length < 5 || n.StartsWith('/'));
        // The same word naming something else: the /health body's field (docs/contract.md) and the CLI's command.
        names.ExceptWith(["database", "probe"]);
        return names;
    }

    [TestMethod]
    public void No_catalogue_name_is_spelled_in_two_product_files()
    {
        var names = CatalogueNames();
        Assert.IsTrue(names.Count > 40, $"only {names.Count} names read from the catalogue: the scan is broken");
        var root = TestFolders.RepositoryRoot;
        var files = new[] { "src", "functions" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var spelledIn = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var source = LineComment().Replace(File.ReadAllText(file), string.Empty);
            foreach (Match literal in StringLiteral().Matches(source))
            {
                var text = literal.Groups[1].Value;
                if (names.Contains(text))
                {
                    (spelledIn.TryGetValue(text, out var set) ? set : spelledIn[text] = new SortedSet<string>(StringComparer.Ordinal))
                        .Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
                }
            }
        }
        var repeated = spelledIn.Where(p => p.Value.Count > 1).Select(p => $"\"{p.Key}\": {string.Join(", ", p.Value)}").ToList();
        Assert.IsEmpty(repeated, "names spelled in more than one product file (use the catalogue's constant):\n" + string.Join("\n", repeated));
    }
}
