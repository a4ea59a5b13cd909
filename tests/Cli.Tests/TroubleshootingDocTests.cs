using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Provisioning.Cli.Commands;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// Issue 12, acceptance 6: every error message a command writes to stderr is listed in docs/troubleshooting.md, and
/// every command's --help carries an example. The messages are found by scanning the CLI's sources for its stderr
/// writes (<c>error.WriteLine</c>, <c>error.WriteLineAsync</c>, <c>WriteProblems(error, …)</c>) and the problem lists
/// those print (<c>problems.Add</c>); each message's text with its interpolated holes written as <c>…</c> must appear
/// in the document, so a new message without an entry fails here.
/// </summary>
[TestClass]
public sealed partial class TroubleshootingDocTests
{
    [GeneratedRegex(@"(error\.WriteLine(Async)?\(|WriteProblems\(error,\s*|problems\.Add\()\s*(string\.Create\(CultureInfo\.InvariantCulture,\s*)?(?<interpolated>\$)?""")]
    private static partial Regex StderrWrite();

    /// <summary>The message templates of the CLI's stderr writes, with interpolation holes as "…"; lines of only holes and indentation are left out.</summary>
    internal static IReadOnlyList<(string File, string Template)> Messages()
    {
        var messages = new List<(string, string)>();
        var root = Path.Combine(TestFolders.RepositoryRoot, "src", "Cli");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var source = File.ReadAllText(file);
            foreach (Match match in StderrWrite().Matches(source))
            {
                var template = Template(source, match.Index + match.Length, match.Groups["interpolated"].Success);
                if (template.Replace("…", "", StringComparison.Ordinal).Trim(' ', '-', ':').Length >= 6)
                {
                    messages.Add((Path.GetRelativePath(TestFolders.RepositoryRoot, file), template));
                }
            }
        }
        return messages;
    }

    /// <summary>Reads a C# string literal starting at <paramref name="at"/> (just after its opening quote) up to its closing quote.</summary>
    private static string Template(string source, int at, bool interpolated)
    {
        var text = new StringBuilder();
        for (var i = at; i < source.Length; i++)
        {
            var ch = source[i];
            if (ch == '\\' && i + 1 < source.Length)
            {
                text.Append(source[++i] switch { 'n' => "\n", var c => c.ToString() });
            }
            else if (ch == '"')
            {
                break;
            }
            else if (interpolated && ch == '{' && i + 1 < source.Length && source[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (interpolated && ch == '}' && i + 1 < source.Length && source[i + 1] == '}')
            {
                text.Append('}');
                i++;
            }
            else if (interpolated && ch == '{')
            {
                // Skip the hole: balanced braces, string literals inside it skipped whole.
                var depth = 1;
                while (depth > 0 && ++i < source.Length)
                {
                    if (source[i] == '"')
                    {
                        while (++i < source.Length && source[i] != '"')
                        {
                            if (source[i] == '\\')
                            {
                                i++;
                            }
                        }
                    }
                    else if (source[i] == '{')
                    {
                        depth++;
                    }
                    else if (source[i] == '}')
                    {
                        depth--;
                    }
                }
                text.Append('…');
            }
            else
            {
                text.Append(ch);
            }
        }
        return text.ToString().Trim();
    }

    [TestMethod]
    public void The_scan_finds_the_messages_of_every_command()
    {
        var files = Messages().Select(m => Path.GetFileName(m.File)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "GenerateCommand.cs", "GeneratedValidation.cs", "PlanCommand.cs", "DiffCommand.cs", "EstimateCommand.cs", "ProbeCommand.cs", "ProbePlatform.cs", "LocalCommand.cs", "VerifyDatabaseCommand.cs" })
        {
            Assert.Contains(file, files, "the scan finds stderr writes in " + file);
        }
    }

    [TestMethod]
    public void Every_error_message_is_in_docs_troubleshooting()
    {
        var doc = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "docs", "troubleshooting.md"));
        var missing = Messages().Where(m => !doc.Contains(m.Template, StringComparison.Ordinal)).Select(m => $"{m.File}: `{m.Template}`").Distinct().ToList();
        Assert.IsEmpty(missing, "docs/troubleshooting.md lacks these messages (write each as shown, holes as …, with meaning and fix):\n" + string.Join('\n', missing));
    }

    [TestMethod]
    public void Every_command_has_an_example_in_its_help()
    {
        var root = GenerateCommand.CreateRoot();
        var commands = new List<Command> { root, GenerateCommand.Create(), VerifyDatabaseCommand.Create(), ProbeCommand.Create(), LocalCommand.Create(),
            PlanCommand.Create(), DiffCommand.Create(), EstimateCommand.Create() };
        commands.AddRange(commands.SelectMany(c => c.Subcommands).ToList());
        var without = commands.Where(c => !(c.Description ?? "").Contains("Example: dotnet run --project src/Cli", StringComparison.Ordinal)).Select(c => c.Name).ToList();
        Assert.IsEmpty(without, "commands whose --help has no 'Example: dotnet run --project src/Cli …': " + string.Join(", ", without));
    }
}
