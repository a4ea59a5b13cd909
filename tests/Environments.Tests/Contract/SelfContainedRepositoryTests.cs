using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Contract;

/// <summary>The repository carries its own contract: nothing in it points at a document outside the clone.</summary>
[TestClass]
public sealed class SelfContainedRepositoryTests
{
    // Spelled in pieces so this file does not match itself.
    private static readonly string[] OutsideReferences = ["../" + "shared", "CONTRACT" + ".md", "DESIGN" + ".md", "SPEC" + ".md"];

    private static readonly string[] Skipped = ["bin", "obj", ".git", "node_modules", "BenchmarkDotNet.Artifacts", ".azd-infra"];

    [TestMethod]
    public void No_file_refers_to_the_contract_or_specs_outside_the_repository()
    {
        Assert.IsTrue(File.Exists(ContractDocument.Path), "docs/contract.md is the contract");
        var offenders = new List<string>();
        foreach (var file in Files(TestFolders.RepositoryRoot))
        {
            var text = File.ReadAllText(file);
            foreach (var reference in OutsideReferences)
            {
                if (text.Contains(reference, StringComparison.Ordinal))
                {
                    offenders.Add($"{Path.GetRelativePath(TestFolders.RepositoryRoot, file)}: {reference}");
                }
            }
        }
        Assert.AreEqual(0, offenders.Count, "use docs/contract.md instead:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<string> Files(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (Path.GetExtension(file) is ".cs" or ".md" or ".json" or ".sh" or ".yaml" or ".csproj" or ".props" or ".bicep" or ".bicepparam" or ".py" or ".mjs" or ".js" or ".ts" or ".html" or ".toml" or "" && !file.EndsWith(".lock.json", StringComparison.Ordinal))
            {
                yield return file;
            }
        }
        foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Files(sub))
            {
                yield return file;
            }
        }
    }
}
