using Provisioning.Cli.Validation;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// <c>generate --validate</c> with the real Bicep CLI under the strict configuration: clean output exits 0; a Bicep
/// error anywhere in the output folder exits 1 and names the file and the line.
/// </summary>
[TestClass]
public sealed class BicepValidationTests
{
    [TestMethod]
    public void Generate_validate_on_the_repository_environments_exits_0()
    {
        var (env, output) = Folders();

        var (exit, stdout, stderr) = Run("generate", "--env-dir", env, "--out", output, "--validate");

        Assert.AreEqual(ExitCodes.Success, exit, stdout + stderr);
        StringAssert.Contains(stdout, "validated 18 files under");
        StringAssert.Contains(stdout, "no diagnostics.");
        // Redirected output gets plain progress lines, no carriage returns.
        StringAssert.Contains(stdout, "validating with the Bicep CLI (strict configuration)…\n");
        Assert.DoesNotContain("\r", stdout);
    }

    [TestMethod]
    public void A_broken_bicep_file_in_the_output_folder_exits_1_and_is_named_with_its_line()
    {
        var (env, output) = Folders();
        Directory.CreateDirectory(Path.Combine(output, "extra"));
        File.WriteAllText(Path.Combine(output, "extra", "broken.bicep"), "param location string = resourceGroup().location\n\noutput where string = locaton\n");

        var (exit, stdout, stderr) = Run("generate", "--env-dir", env, "--out", output, "--validate");

        Assert.AreEqual(ExitCodes.CheckFailed, exit, stdout + stderr);
        StringAssert.Contains(stderr, "Bicep reported");
        StringAssert.Contains(stderr, Path.Combine("extra", "broken.bicep") + ":3:");
        StringAssert.Contains(stderr, "error BCP057");
        Assert.DoesNotContain("main.bicep:", stderr, "the generated files themselves are clean");
    }

    [TestMethod]
    public void An_edited_generated_file_is_reported_at_the_edited_line()
    {
        var (_, output) = Folders();
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "generated"), output);
        var main = Path.Combine(output, "staging", "main.bicep");
        var lines = File.ReadAllLines(main);
        var index = Array.FindIndex(lines, l => l.StartsWith("output MIGRATION_JOB_NAME string = ", StringComparison.Ordinal));
        lines[index] = "output MIGRATION_JOB_NAME string = migrationJob.nmae";
        File.WriteAllLines(main, lines);
        var (bicep, problem) = BicepExecutable.Find();
        Assert.IsNotNull(bicep, problem);

        var report = GeneratedValidation.Validate(bicep, output);

        Assert.IsFalse(report.Clean);
        var diagnostic = report.Diagnostics.Single(d => d.File == Path.Combine("staging", "main.bicep"));
        Assert.AreEqual(Path.Combine("staging", "main.bicep"), diagnostic.File);
        Assert.AreEqual(index + 1, diagnostic.Line, diagnostic.ToString());
        Assert.AreEqual("Error", diagnostic.Level);
        CollectionAssert.Contains(report.Files.ToList(), Path.Combine("staging", "main.bicepparam"), "parameter files are judged too");
        Assert.IsTrue(report.Diagnostics.Any(d => d.File == Path.Combine("staging", "main.bicepparam") && d.Code == "BCP104"),
            "the parameter file reports that the template it uses has errors");
        Assert.IsTrue(report.Diagnostics.All(d => d.File.StartsWith("staging", StringComparison.Ordinal)), string.Join("\n", report.Diagnostics));
    }

    private static (string Env, string Out) Folders()
    {
        var dir = TestFolders.NewTemp("validate");
        TestFolders.Copy(Path.Combine(TestFolders.RepositoryRoot, "env"), Path.Combine(dir, "env"));
        return (Path.Combine(dir, "env"), Path.Combine(dir, "generated"));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args) => GenerateFixture.Run(args);
}
