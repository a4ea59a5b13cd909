using System.Text;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// Runs the build stage of a Dockerfile without Docker, as a remote builder would see it: the build context is the
/// repository filtered by the .dockerignore that applies, the stage's file system holds exactly what its COPY lines
/// take from that context, and its RUN lines run there (absolute paths mapped under one folder). What this cannot
/// show is the base image's own contents: the stage runs on this machine's .NET SDK, the same major version.
/// </summary>
internal sealed partial class DockerfileBuild : IDisposable
{
    [GeneratedRegex(@"(?<=^|\s)/(?!dev/null)[A-Za-z0-9_.\-/]+")]
    private static partial Regex AbsolutePath();

    private readonly string repository;
    private readonly string dockerfile;

    public DockerfileBuild(string repository, string dockerfile)
    {
        this.repository = repository;
        this.dockerfile = dockerfile;
        Root = Path.Combine(Path.GetTempPath(), "dockerfile-" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>The folder standing for the stage's file system root.</summary>
    public string Root { get; }

    /// <summary>Every file the build context holds, relative to the repository, with '/' separators.</summary>
    public IReadOnlyList<string> Context { get; private set; } = [];

    /// <summary>Files of the context the stage received through its COPY lines.</summary>
    public IReadOnlyList<string> Copied { get; private set; } = [];

    /// <summary>The sources the final stage copies from the build stage (<c>COPY --from=build …</c>), mapped under <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Artifacts { get; private set; } = [];

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>A stage path mapped under <see cref="Root"/>.</summary>
    public string Map(string absolute) => Path.Combine(Root, absolute.TrimStart('/'));

    public (int ExitCode, string Output) Run(TimeSpan budget)
    {
        var lines = LogicalLines(File.ReadAllText(Path.Combine(repository, dockerfile)));
        Context = ContextFiles();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var workdir = "/";
        var copied = new List<string>();
        var artifacts = new List<string>();
        var output = new StringBuilder();
        var stage = 0;
        foreach (var line in lines)
        {
            var (instruction, rest) = Split(line);
            if (instruction == "FROM")
            {
                stage++;
                continue;
            }
            if (stage > 1)
            {
                // The final stage takes the build stage's output; what it copies must exist.
                if (instruction == "COPY" && rest.StartsWith("--from=", StringComparison.Ordinal))
                {
                    artifacts.Add(Map(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
                }
                continue;
            }
            switch (instruction)
            {
                case "WORKDIR":
                    workdir = rest.StartsWith('/') ? rest : workdir.TrimEnd('/') + "/" + rest;
                    Directory.CreateDirectory(Map(workdir));
                    break;
                case "ENV":
                    foreach (Match pair in Regex.Matches(rest, "([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)"))
                    {
                        environment[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
                    }
                    break;
                case "COPY":
                    copied.AddRange(Copy(rest, workdir));
                    break;
                case "RUN":
                    var command = AbsolutePath().Replace(rest, m => Map(m.Value));
                    var (exit, text) = Shell(command, Map(workdir), environment, budget);
                    output.Append("RUN ").AppendLine(rest).AppendLine(text);
                    if (exit != 0)
                    {
                        Copied = copied;
                        return (exit, output.ToString());
                    }
                    break;
            }
        }
        Copied = copied;
        Artifacts = artifacts;
        return (0, output.ToString());
    }

    private IEnumerable<string> Copy(string arguments, string workdir)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var destination = parts[^1];
        var target = destination.StartsWith('/') ? destination : workdir.TrimEnd('/') + "/" + destination;
        foreach (var source in parts[..^1])
        {
            var pattern = Glob(source.TrimEnd('/'));
            var matches = Context.Where(f => pattern.IsMatch(f) || f.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                throw new InvalidOperationException($"COPY {source}: nothing in the build context matches (excluded by .dockerignore, or missing)");
            }
            foreach (var file in matches)
            {
                // A folder source copies its contents into the destination; a file or glob lands in the destination folder.
                var relative = file.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal) && !source.Contains('*', StringComparison.Ordinal)
                    ? file[(source.TrimEnd('/').Length + 1)..]
                    : Path.GetFileName(file);
                var into = destination.EndsWith('/') || parts.Length > 2 || source.EndsWith('/') || source.Contains('*', StringComparison.Ordinal)
                    ? Path.Combine(Map(target), relative)
                    : Map(target);
                Directory.CreateDirectory(Path.GetDirectoryName(into)!);
                File.Copy(Path.Combine(repository, file), into, overwrite: true);
                yield return file;
            }
        }
    }

    /// <summary>The repository's files minus what the applicable .dockerignore excludes (the Dockerfile's own one first, as BuildKit does).</summary>
    private List<string> ContextFiles()
    {
        var own = Path.Combine(repository, dockerfile + ".dockerignore");
        var ignoreFile = File.Exists(own) ? own : Path.Combine(repository, ".dockerignore");
        var rules = File.Exists(ignoreFile)
            ? File.ReadAllLines(ignoreFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => (Exclude: !l.StartsWith('!'), Pattern: Glob(l.TrimStart('!').TrimEnd('/')))).ToList()
            : [];
        // .git stays in: Docker does not leave it out by itself, only a .dockerignore line does.
        return Directory.EnumerateFiles(repository, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repository, f).Replace('\\', '/'))
            .Where(f => !IsIgnored(f, rules))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Docker's rule: the last matching line wins; a line matching a parent folder excludes everything below it.</summary>
    private static bool IsIgnored(string file, IReadOnlyList<(bool Exclude, Regex Pattern)> rules)
    {
        var ignored = false;
        var prefixes = Prefixes(file).ToList();
        foreach (var (exclude, pattern) in rules)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                ignored = exclude;
            }
        }
        return ignored;
    }

    private static IEnumerable<string> Prefixes(string file)
    {
        for (var slash = file.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = file.IndexOf('/', slash + 1))
        {
            yield return file[..slash];
        }
        yield return file;
    }

    private static Regex Glob(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" is any number of folders, none included.
                text.Append(i + 2 < pattern.Length && pattern[i + 2] == '/' ? "(.*/)?" : ".*");
                i += i + 2 < pattern.Length && pattern[i + 2] == '/' ? 2 : 1;
            }
            else
            {
                text.Append(pattern[i] switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(pattern[i].ToString()) });
            }
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Instructions with their continuation lines joined, comments and blank lines dropped.</summary>
    private static List<string> LogicalLines(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }
            lines.Add(current.Append(line).ToString().Trim());
            current.Clear();
        }
        return lines;
    }

    private static (string Instruction, string Arguments) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line.ToUpperInvariant(), string.Empty) : (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    private static (int ExitCode, string Output) Shell(string command, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan budget)
    {
        // No build servers outliving the step: they would hold its output open (and a container has none either).
        var variables = new Dictionary<string, string>(environment)
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };
        var (exit, output, _) = ChildRun.Run("/bin/sh", ["-c", command + " 2>&1"], budget, directory, variables);
        return (exit, output);
    }
}
