using System.CommandLine;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// What the documents say about the command line is what the command line is: every <c>dotnet run --project src/Cli --</c>
/// invocation in README.md, docs/ and the generated READMEs parses without an error against the program's own root,
/// every option a document names in code belongs to a command, and every repository path it names exists.
/// </summary>
[TestClass]
public sealed partial class DocumentedCliTests
{
    private const string Invocation = "dotnet run --project src/Cli --";

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*[a-z]")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^(src|docs|scripts|env|generated|tests|bench|functions)/[^\s`]*$")]
    private static partial Regex RepositoryPath();

    /// <summary>Commands of other tools whose options the documents quote; a code span that runs one is theirs.</summary>
    private static readonly string[] OtherTools =
        ["az ", "azd ", "npm ", "npx ", "bicep ", "docker ", "git ", "dotnet test", "dotnet ef", "dotnet build", "dotnet tool", "apt-get ", "psql ", "pg_", "efbundle", "curl ", "scripts/", "stress-ng", "mmdc ", "env "];

    /// <summary>Options the documents name on their own that belong to other programs, each with whose it is.</summary>
    private static readonly Dictionary<string, string> OtherOptions = new(StringComparer.Ordinal)
    {
        ["--connection"] = "the EF Core migration bundle (docs/database.md)",
        ["--verbose"] = "the EF Core migration bundle (docs/database.md)",
        ["--filter"] = "dotnet test and BenchmarkDotNet",
        ["--project"] = "dotnet run",
    };

    [GeneratedRegex(@"^[A-Z]+$")]
    private static partial Regex UpperCasePlaceholder();

    private static IEnumerable<string> Documents()
    {
        var root = TestFolders.RepositoryRoot;
        return new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "generated"), "README.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
    }

    private static string Relative(string path) => Path.GetRelativePath(TestFolders.RepositoryRoot, path).Replace('\\', '/');

    /// <summary>Each documented invocation's arguments, as a shell would split them, placeholders left as words.</summary>
    internal static IEnumerable<(string Document, int Line, string Text, string[] Arguments)> Invocations()
    {
        foreach (var document in Documents())
        {
            var lines = File.ReadAllLines(document);
            for (var n = 0; n < lines.Length; n++)
            {
                var at = lines[n].IndexOf(Invocation, StringComparison.Ordinal);
                while (at >= 0)
                {
                    var (text, tokens) = Words(lines[n][(at + Invocation.Length)..]);
                    // Placeholders (<env>, ENV, N, …) stand for a value: an environment name parses for any string option.
                    var words = tokens
                        .Select(w => w.Trim('[', ']'))
                        .Where(w => w.Length > 0 && !w.StartsWith('$'))
                        .Select(w => w.StartsWith('<') || w is "…" or "..." || w.EndsWith("...", StringComparison.Ordinal) ? "dev" : w)
                        .Select(w => UpperCasePlaceholder().IsMatch(w) ? "1" : w)
                        .ToArray();
                    yield return (Relative(document), n + 1, text, words);
                    at = lines[n].IndexOf(Invocation, at + Invocation.Length, StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>
    /// The words of a command line as a shell splits them (quotes group), up to where the shell or the prose takes over
    /// again: a closing backtick, a comment, a pipe, <c>;</c>, <c>&amp;&amp;</c> or a closing parenthesis.
    /// </summary>
    private static (string Text, List<string> Words) Words(string rest)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        char? quote = null;
        var i = 0;
        for (; i < rest.Length; i++)
        {
            var ch = rest[i];
            if (quote is not null)
            {
                if (ch == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(ch);
                }
                continue;
            }
            if (ch is '`' or '#' or '|' or ';' or ')' || (ch == '&' && i + 1 < rest.Length && rest[i + 1] == '&'))
            {
                break;
            }
            if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == ' ')
            {
                Flush();
            }
            else
            {
                word.Append(ch);
            }
        }
        Flush();
        return (rest[..i].Trim(), words);

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    [TestMethod]
    public void Every_documented_invocation_parses_against_the_program()
    {
        var invocations = Invocations().ToList();
        Assert.IsTrue(invocations.Count > 20, $"only {invocations.Count} invocations found: the scan is broken");
        var wrong = invocations
            .Select(i => (i, Errors: CliApplication.CreateRoot().Parse(i.Arguments).Errors.Select(e => e.Message).ToList()))
            // A placeholder for a required value (`-e <env>`) leaves the option without its value: not the document's fault.
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"{x.i.Document}:{x.i.Line}: `{Invocation} {x.i.Text}`: {string.Join("; ", x.Errors)}")
            .ToList();
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }

    [TestMethod]
    public void Every_option_a_document_names_belongs_to_a_command()
    {
        var options = AllOptions(CliApplication.CreateRoot()).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var document in Documents())
        {
            foreach (Match span in CodeSpan().Matches(File.ReadAllText(document)))
            {
                var code = span.Groups[1].Value.Trim();
                if (OtherTools.Any(t => code.StartsWith(t, StringComparison.Ordinal) || code.Contains(" " + t, StringComparison.Ordinal) || code.Contains("(" + t, StringComparison.Ordinal)))
                {
                    continue;
                }
                unknown.AddRange(OptionName().Matches(code).Select(m => m.Value).Where(o => !options.Contains(o) && !OtherOptions.ContainsKey(o)).Select(o => $"{Relative(document)}: `{code}` names {o}"));
            }
        }
        Assert.IsEmpty(unknown, "options no command has:\n" + string.Join("\n", unknown.Distinct()));
    }

    [TestMethod]
    public void Every_repository_path_a_document_names_exists()
    {
        var missing = new List<string>();
        foreach (var document in Documents().Where(d => !Relative(d).StartsWith("generated/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(document);
            foreach (Match span in CodeSpan().Matches(text))
            {
                var code = span.Groups[1].Value.Trim();
                // A file the document tells you to create is written "`path` (new: …)".
                if (!RepositoryPath().IsMatch(code) || text.AsSpan(span.Index + span.Length).StartsWith(" (new", StringComparison.Ordinal))
                {
                    continue;
                }
                // Placeholders name any environment, any file of a kind: the part before the first one must exist.
                var known = Regex.Split(code, @"<[^>]+>|\*|(?<=/)X(?=[/.])")[0].TrimEnd('.');
                var path = Path.Combine(TestFolders.RepositoryRoot, known);
                if (!File.Exists(path) && !Directory.Exists(path) && !Directory.Exists(Path.GetDirectoryName(path)))
                {
                    missing.Add($"{Relative(document)}: `{code}`");
                }
                else if (known == code.TrimEnd('/') && !File.Exists(path) && !Directory.Exists(path))
                {
                    missing.Add($"{Relative(document)}: `{code}`");
                }
            }
        }
        Assert.IsEmpty(missing, "paths that do not exist:\n" + string.Join("\n", missing.Distinct()));
    }

    [TestMethod]
    public void The_readme_layout_names_every_command()
    {
        var row = File.ReadAllLines(Path.Combine(TestFolders.RepositoryRoot, "README.md")).Single(l => l.StartsWith("| `src/Cli` |", StringComparison.Ordinal));
        foreach (var command in CliApplication.CreateRoot().Subcommands)
        {
            StringAssert.Contains(row, $"`{command.Name}", $"README's layout row for src/Cli omits {command.Name}");
        }
    }

    private static IEnumerable<string> AllOptions(Command command) =>
        command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(command.Subcommands.SelectMany(AllOptions));
}
