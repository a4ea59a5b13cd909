using System.Text;

namespace Provisioning.Environments.Files;

/// <summary>
/// Replaces generated environment folders all at once: everything is written to a staging folder beside the target
/// first, and folders are swapped in only when every environment was produced. A failed run leaves the existing
/// output byte-identical; a successful one leaves no stale files from an older layout.
/// </summary>
public static class AtomicOutputWriter
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="files"/> grouped by their first path segment (the environment folder) under <paramref name="outputRoot"/>.</summary>
    public static void Write(string outputRoot, IReadOnlyList<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(outputRoot);
        Directory.CreateDirectory(root);
        var staging = Path.Combine(root, ".staging-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var backup = staging + "-old";
        DeleteIfExists(staging);
        DeleteIfExists(backup);

        try
        {
            foreach (var file in files)
            {
                var target = Path.GetFullPath(Path.Combine(staging, file.RelativePath));
                if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Refusing to write '{file.RelativePath}' outside the output folder.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, file.Content, Utf8WithoutBom);
            }

            // Swap each top-level folder; a rename within one file system is atomic per folder. Should a rename fail
            // half-way, the folders already swapped are put back, so the output is the old one or the new one.
            Directory.CreateDirectory(backup);
            var swapped = new List<string>();
            try
            {
                foreach (var folder in files.Select(f => TopFolder(f.RelativePath)).Distinct(StringComparer.Ordinal))
                {
                    var live = Path.Combine(root, folder);
                    if (Directory.Exists(live))
                    {
                        Directory.Move(live, Path.Combine(backup, folder));
                    }
                    swapped.Add(folder);
                    Directory.Move(Path.Combine(staging, folder), live);
                }
            }
            catch
            {
                foreach (var folder in swapped)
                {
                    var live = Path.Combine(root, folder);
                    var previous = Path.Combine(backup, folder);
                    if (Directory.Exists(previous))
                    {
                        DeleteIfExists(live);
                        Directory.Move(previous, live);
                    }
                }
                throw;
            }
        }
        finally
        {
            DeleteIfExists(staging);
            DeleteIfExists(backup);
        }
    }

    /// <summary>Replaces one file by a rename from a sibling temporary file: readers see the old text or the new, never half.</summary>
    public static void WriteFile(string path, string content)
    {
        var target = Path.GetFullPath(path);
        var temporary = target + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temporary, content, Utf8WithoutBom);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string TopFolder(string relativePath)
    {
        var normalized = relativePath.Replace('\\', '/');
        var slash = normalized.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? throw new InvalidOperationException($"'{relativePath}' is not inside an environment folder.") : normalized[..slash];
    }

    private static void DeleteIfExists(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
