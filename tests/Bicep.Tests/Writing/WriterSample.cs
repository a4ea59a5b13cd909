using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>One syntax element in a small file: the model, and the text a person would write for it.</summary>
internal sealed record WriterSample(string FileName, BicepFile File, string Expected)
{
    public string Printed => BicepWriter.Write(File);

    /// <summary>Raw string literals drop the final line break; every file ends with exactly one.</summary>
    public static WriterSample Of(string fileName, string expected, params BicepStatement[] statements) =>
        new(fileName, new BicepFile([.. statements]), expected + "\n");

    public static WriterSample Of(string fileName, string expected, BicepFile file) => new(fileName, file, expected + "\n");
}
