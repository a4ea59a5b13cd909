using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;
using Provisioning.TestSupport;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>
/// Every string that reaches Bicep must come back as exactly itself. Generated strings (quotes, backslashes, <c>${</c>,
/// <c>'''</c>, line breaks, tabs, control characters, non-BMP characters, empty, random Unicode) are written both as
/// string literals and as text segments around an interpolation hole, into ONE file that the CLI compiles under the
/// strict config and then evaluates offline (<c>bicep snapshot</c>), and each evaluated value is compared with its input.
/// </summary>
[TestClass]
public sealed class EscapingPropertyTests
{
    private const int GeneratedCount = 1000;
    private const string Prefix = "P";

    private static readonly string[] Specials =
    [
        "'", "''", "'''", "\\", "\\\\", "$", "${", "\\${", "$${", "${x}", "{", "}", "{0}", "[", "]", "[x]", "\"", "`", "%",
        "\n", "\r", "\r\n", "\t", "\0", "\u0001", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f",
        "\u00a0", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\ufffd", "\uffff",
        "\U0001F600", "\U00010000", "\U0010FFFF", "e\u0301", "ß", "İ", "ı", "日本", "😀👍🏽",
    ];

    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, (IGen<string>)Gen.OneOf(Specials)),
        (3, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.Char['\0', '\uffff'].Where(c => !char.IsSurrogate(c)).Select(c => c.ToString())),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    /// <summary>Strings of up to 12 pieces; never a lone surrogate, since every piece is a whole code point or more.</summary>
    private static readonly Gen<string> Text = Piece.Array[0, 12].Select(string.Concat);

    [TestMethod]
    public void Generated_strings_compile_and_evaluate_back_to_themselves_as_literals_and_interpolation_text()
    {
        Check.Sample(Text.Array[GeneratedCount], generated =>
        {
            string[] inputs = ["", .. Specials, .. generated];
            RoundTrip(inputs);
        }, iter: 1, threads: 1, print: texts => string.Join(", ", texts.Select(Show)));
    }

    private static void RoundTrip(IReadOnlyList<string> inputs)
    {
        var file = new BicepFile(
        [
            new ParameterStatement("prefix", "string"),
            new OutputStatement("literals", "array", Array(inputs.Select(t => (BicepExpression)new StringLiteral(t)))),
            new OutputStatement("interpolated", "array", Array(inputs.Select(t => (BicepExpression)Interpolate("<" + t, Ref("prefix"), t + ">")))),
        ]);
        var directory = BicepCli.CreateStrictWorkspace();
        try
        {
            File.WriteAllText(Path.Combine(directory, "escaping.bicep"), BicepWriter.Write(file), new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(directory, "escaping.bicepparam"),
                BicepWriter.Write(new BicepParamFile("escaping.bicep", [new ParameterAssignment("prefix", Prefix)])));

            BicepCli.BuildPattern(directory, "*.bicep").AssertClean();
            var arm = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "escaping.json")))!;
            var compiledLiterals = arm["outputs"]!["literals"]!["value"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

            BicepCli.Snapshot(Path.Combine(directory, "escaping.bicepparam"), new Dictionary<string, string>()).AssertClean();
            var snapshot = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "escaping.snapshot.json")))!;
            var literals = Strings(snapshot["outputs"]!["literals"]!);
            var interpolated = Strings(snapshot["outputs"]!["interpolated"]!);

            var failures = new List<string>();
            for (var i = 0; i < inputs.Count; i++)
            {
                // ARM reads a JSON string that starts with '[' and ends with ']' as an expression; Bicep escapes it as '[['.
                var armLiteral = inputs[i].StartsWith('[') && inputs[i].EndsWith(']') ? "[" + inputs[i] : inputs[i];
                Expect(failures, "compiled literal", inputs[i], armLiteral, compiledLiterals[i]);
                Expect(failures, "evaluated literal", inputs[i], inputs[i], literals[i]);
                Expect(failures, "evaluated interpolation", inputs[i], "<" + inputs[i] + Prefix + inputs[i] + ">", interpolated[i]);
            }
            Assert.HasCount(inputs.Count, literals);
            Assert.IsEmpty(failures, $"{failures.Count} value(s) did not survive:\n" + string.Join('\n', failures.Take(20)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> Strings(JsonNode array) => array.AsArray().Select(v => v!.GetValue<string>()).ToList();

    private static void Expect(List<string> failures, string what, string input, string expected, string actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            failures.Add($"{what} of {Show(input)}: expected {Show(expected)}, got {Show(actual)}");
        }
    }

    /// <summary>Shows a string with every non-printable-ASCII character as a C# escape, so failures are readable and copyable.</summary>
    private static string Show(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"));
        }
        return builder.Append('"').ToString();
    }

    [TestMethod]
    public void Lone_surrogate_is_rejected_with_a_clear_message()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => BicepWriter.Write(new StringLiteral("ab\ud800c")));
        Assert.Contains("lone UTF-16 surrogate (U+D800) at index 2", exception.Message);
        Assert.Contains("cannot be written to a Bicep file", exception.Message);
    }

    [TestMethod]
    public void Lone_low_surrogate_in_interpolation_text_is_rejected()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => BicepWriter.Write(Interpolate("x", Ref("p"), "\udc00")));
        Assert.Contains("lone UTF-16 surrogate (U+DC00)", exception.Message);
    }

    [TestMethod]
    public void Surrogate_pair_split_across_segments_is_rejected_not_glued()
    {
        // Each segment is its own piece of text: half a character in each is a bug in the caller, not a character.
        Assert.ThrowsExactly<ArgumentException>(() => BicepWriter.Write(Interpolate("\ud83d", Ref("p"), "\ude00")));
    }
}
