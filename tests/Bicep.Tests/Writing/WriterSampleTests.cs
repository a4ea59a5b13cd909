using Provisioning.TestSupport;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>
/// Each syntax element prints as a person would write it, and the printed file compiles under the strict config with
/// no diagnostics. All files compile in one Bicep CLI process (each process costs about 1.4 s); each test then
/// reports its own file's diagnostics.
/// </summary>
[TestClass]
public sealed class WriterSampleTests
{
    private static string s_directory = "";
    private static BicepRun s_run = null!;

    [ClassInitialize]
    public static void CompileAll(TestContext context)
    {
        _ = context;
        s_directory = BicepCli.CreateStrictWorkspace();
        foreach (var sample in WriterSamples.All)
        {
            File.WriteAllText(Path.Combine(s_directory, sample.FileName), sample.Printed);
        }
        s_run = BicepCli.BuildPattern(s_directory, "*.bicep");
    }

    [ClassCleanup]
    public static void RemoveWorkspace()
    {
        if (Directory.Exists(s_directory))
        {
            Directory.Delete(s_directory, recursive: true);
        }
    }

    public static IEnumerable<object[]> Files => WriterSamples.All.Select(s => new object[] { s.FileName });

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void Prints_what_a_person_would_write(string file)
    {
        var sample = WriterSamples.Get(file);
        Assert.AreEqual(sample.Expected, sample.Printed);
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public void Compiles_with_no_diagnostics(string file)
    {
        var diagnostics = s_run.Diagnostics.Where(d => Path.GetFileName(d.File) == file).ToList();
        Assert.IsEmpty(diagnostics, $"{file}:\n{string.Join('\n', diagnostics)}\n\n{WriterSamples.Get(file).Printed}");
        Assert.IsTrue(File.Exists(Path.Combine(s_directory, Path.ChangeExtension(file, ".json"))), $"{file} was not compiled:\n{s_run.StandardError}");
    }

    [TestMethod]
    public void Whole_batch_exits_zero() => Assert.AreEqual(0, s_run.ExitCode, s_run.StandardError);

    [TestMethod]
    public void Every_sample_uses_LF_two_space_indent_and_one_trailing_newline()
    {
        foreach (var sample in WriterSamples.All)
        {
            var text = sample.Printed;
            Assert.DoesNotContain("\r", text, sample.FileName);
            Assert.DoesNotContain("\t", text, sample.FileName);
            Assert.EndsWith("\n", text, sample.FileName);
            Assert.IsFalse(text.EndsWith("\n\n", StringComparison.Ordinal), sample.FileName);
            foreach (var line in text.Split('\n'))
            {
                var indent = line.Length - line.TrimStart(' ').Length;
                Assert.AreEqual(0, indent % 2, $"{sample.FileName}: odd indent in '{line}'");
                Assert.AreEqual(line.TrimEnd(), line, $"{sample.FileName}: trailing space in '{line}'");
            }
        }
    }
}
