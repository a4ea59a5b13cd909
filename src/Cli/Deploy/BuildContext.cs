using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Provisioning.Cli.Deploy;

/// <summary>
/// The files an image built in this repository is made of: its Dockerfile and every source its COPY lines name (not
/// <c>COPY --from</c>), without build output (bin/, obj/) and, in a git checkout, without what git ignores. The
/// upload to ACR Tasks is exactly these files (small, no .git, no bin/obj), and the tag is a hash of them, so the tag
/// changes with what the image contains and nothing else, and a registry that has the tag needs no build.
/// </summary>
internal sealed record BuildContext(string Dockerfile, IReadOnlyList<string> Files)
{
    /// <param name="root">The build context (the repository root).</param>
    /// <param name="dockerfile">The Dockerfile, relative to <paramref name="root"/>.</param>
    public static BuildContext Of(string root, string dockerfile)
    {
        var path = Path.Combine(root, dockerfile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{dockerfile} does not exist", path);
        }
        var sources = File.ReadAllLines(path)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 2 && words[0].Equals("COPY", StringComparison.OrdinalIgnoreCase) && !words[1].StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(words => words[1..^1])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var files = new SortedSet<string>(StringComparer.Ordinal) { dockerfile.Replace('\\', '/') };
        foreach (var source in sources)
        {
            foreach (var file in Expand(root, source))
            {
                files.Add(file);
            }
        }
        var ignored = GitIgnored(root, files);
        return new BuildContext(dockerfile, [.. files.Where(f => !ignored.Contains(f))]);
    }

    /// <summary><c>&lt;repository&gt;:src-&lt;16 hex&gt;</c>: each file's content hash with its path, then one hash of that list.</summary>
    public string Tag(string root, string repository)
    {
        var list = new StringBuilder();
        foreach (var file in Files)
        {
            list.Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file))))).Append("  ").Append(file).Append('\n');
        }
        return $"{repository}:src-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(list.ToString())))[..16]}";
    }

    /// <summary>Copies the files into a new folder: the context uploaded to the build.</summary>
    public string CopyTo(string root, string folder)
    {
        foreach (var file in Files)
        {
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(root, file), target);
        }
        return folder;
    }

    /// <summary>The files a COPY source names: a file, a folder (recursively) or a glob in its last segment.</summary>
    private static IEnumerable<string> Expand(string root, string source)
    {
        var trimmed = source.TrimEnd('/');
        var full = Path.Combine(root, trimmed);
        IEnumerable<string> found;
        if (Directory.Exists(full))
        {
            found = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories);
        }
        else if (File.Exists(full))
        {
            found = [full];
        }
        else if (trimmed.Contains('*', StringComparison.Ordinal))
        {
            var folder = Path.Combine(root, Path.GetDirectoryName(trimmed) ?? "");
            found = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, Path.GetFileName(trimmed)) : [];
        }
        else
        {
            throw new FileNotFoundException($"the Dockerfile copies {source}, which does not exist", full);
        }
        return found.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(segment => segment is "bin" or "obj" or ".git" or "node_modules"));
    }

    /// <summary>The files git ignores and does not track (none outside a git checkout, or without git).</summary>
    private static HashSet<string> GitIgnored(string root, IEnumerable<string> files)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "check-ignore", "--" }.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }
            using var git = Process.Start(start);
            if (git is null)
            {
                return result;
            }
            var answer = git.StandardOutput.ReadToEndAsync();
            _ = git.StandardError.ReadToEndAsync();
            git.WaitForExit();
            // Exit 1: nothing ignored; 128: not a git checkout. Either way, nothing to leave out.
            if (git.ExitCode == 0)
            {
                result.UnionWith(answer.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the bin/obj filter above is what leaves build output out.
        }
        return result;
    }
}
