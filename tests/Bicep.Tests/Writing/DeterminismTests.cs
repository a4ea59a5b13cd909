using System.Globalization;
using System.Text.RegularExpressions;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.TestSupport;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>Generating twice gives byte-identical files, whatever the culture, clock or machine.</summary>
[TestClass]
public sealed partial class DeterminismTests
{
    private static IReadOnlyList<string> PrintAll() => WriterSamples.Create().Select(s => s.Printed).ToList();

    [TestMethod]
    public void Same_model_built_twice_prints_byte_identical_text()
    {
        var first = PrintAll();
        var second = PrintAll();

        CollectionAssert.AreEqual(first.Select(System.Text.Encoding.UTF8.GetBytes).SelectMany(b => b).ToArray(),
            second.Select(System.Text.Encoding.UTF8.GetBytes).SelectMany(b => b).ToArray());
    }

    [TestMethod]
    [DataRow("tr-TR")]
    [DataRow("de-DE")]
    [DataRow("ar-SA")]
    public void Output_does_not_depend_on_the_current_culture(string culture)
    {
        var invariant = WithCulture(CultureInfo.InvariantCulture, PrintAll);
        var local = WithCulture(new CultureInfo(culture), PrintAll);

        CollectionAssert.AreEqual(invariant.ToList(), local.ToList());
    }

    [TestMethod]
    [DataRow("tr-TR")]
    [DataRow("de-DE")]
    public void Validation_and_naming_do_not_depend_on_the_current_culture(string culture)
    {
        static string Run()
        {
            var template = new BicepTemplate();
            template.Add(TestResource.StorageAccount("storage", "ST-INFRA-İI-123456789012345"));
            template.Add(new Parameter("INFO", "int") { MinValue = -1_000_000, MaxValue = 1_000_000, DefaultValue = 1234567L });
            template.Add(TestResource.KeyVault("vault", BicepValue<string>.Unset).WithGeneratedName("INFRA", "İstanbul"));
            var exception = Assert.ThrowsExactly<Provisioning.Bicep.Validation.BicepValidationException>(() => template.Build());
            return exception.Message + "\n" + template.Resources[1].Name;
        }

        Assert.AreEqual(WithCulture(CultureInfo.InvariantCulture, Run), WithCulture(new CultureInfo(culture), Run));
    }

    /// <summary>
    /// The model must not read the clock, random numbers, GUIDs or the machine: scan its sources for the APIs that
    /// would, so a new use fails here (with the file and line) rather than in a diff of generated files.
    /// </summary>
    [TestMethod]
    public void Model_sources_use_no_clock_random_guid_or_machine_state()
    {
        var root = TestFolders.RepositoryRoot;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Bicep"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                // Tooling runs the Bicep CLI on files already written (generate --validate); it never shapes output.
                && !f.Contains($"{Path.DirectorySeparatorChar}Tooling{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => NonDeterministicApi().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.IsEmpty(offenders, "Generation must be deterministic:\n" + string.Join('\n', offenders));
    }

    [TestMethod]
    public void Scan_pattern_catches_what_it_is_meant_to()
    {
        foreach (var bad in new[] { "var t = DateTime.UtcNow;", "Guid.NewGuid()", "new Random(1)", "Random.Shared.Next()", "Environment.MachineName", "DateTimeOffset.Now", "Stopwatch.StartNew()", "Environment.GetEnvironmentVariable(\"X\")" })
        {
            Assert.IsTrue(NonDeterministicApi().IsMatch(bad), bad);
        }
        Assert.IsFalse(NonDeterministicApi().IsMatch("public static FunctionCallExpression Environment() => Call(\"environment\");"));
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (savedCulture, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    [GeneratedRegex(@"\b(DateTime(Offset)?\.(Now|UtcNow|Today)|Guid\.NewGuid|new\s+Random\b|Random\.Shared|RandomNumberGenerator|Stopwatch|TimeProvider|Environment\.[A-Z]\w*|Path\.GetTempPath|Dns\.GetHostName)")]
    private static partial Regex NonDeterministicApi();
}
