using System.Text.Json.Nodes;

namespace Provisioning.Bicep.Tests.Resources;

[TestClass]
public sealed class TypedResourceCompilationTests
{
    private static CompiledTemplates s_compiled = null!;

    [ClassInitialize]
    public static void CompileAll(TestContext context)
    {
        _ = context;
        s_compiled = CompiledTemplates.Samples;
    }

    [TestMethod]
    [DynamicData(nameof(SampleFiles))]
    public void Sample_compiles_with_no_diagnostics_under_the_strict_config(string file)
    {
        var diagnostics = s_compiled.DiagnosticsOf(file);
        Assert.AreEqual(0, diagnostics.Count,
            $"{file}:\n{string.Join('\n', diagnostics)}\n\n{s_compiled.Sources[file]}");
        _ = s_compiled.Arm(file);
    }

    public static IEnumerable<object[]> SampleFiles => ResourceSamples.All().Keys.Select(k => new object[] { k });

    [TestMethod]
    public void Whole_batch_exits_zero()
    {
        Assert.AreEqual(0, s_compiled.Run.ExitCode, s_compiled.Run.StandardError);
    }

    internal static JsonObject Arm(string file) => s_compiled.Arm(file);
}
