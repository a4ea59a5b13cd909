using System.Diagnostics;
using System.Text.RegularExpressions;
using Provisioning.TestSupport;

namespace Provisioning.Environments.Tests.Generation;

/// <summary>
/// Issue 12, acceptance 4: every Mermaid diagram of every generated README renders with @mermaid-js/mermaid-cli
/// (tests/Tooling/mermaid, installed by scripts/test.sh with npm ci, no browser download) in Debian's headless
/// Chromium, and the result is an SVG. A diagram Mermaid cannot parse makes mmdc fail or draw its error picture.
/// </summary>
[TestClass]
public sealed partial class MermaidDiagramTests
{
    private static readonly string Tooling = Path.Combine(TestFolders.RepositoryRoot, "tests", "Tooling", "mermaid");

    [GeneratedRegex(@"```mermaid\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    [TestMethod]
    [DataRow("dev")]
    [DataRow("staging")]
    [DataRow("prod")]
    public void Every_diagram_of_the_generated_readme_renders_to_svg(string env)
    {
        var mmdc = Path.Combine(Tooling, "node_modules", ".bin", "mmdc");
        Assert.IsTrue(File.Exists(mmdc), $"{mmdc} is missing: run `npm ci` in {Tooling} (scripts/test.sh does)");
        Assert.IsTrue(File.Exists("/usr/bin/chromium"), "Debian's chromium is missing: apt-get install chromium (scripts/test.sh does)");

        var readme = File.ReadAllText(Path.Combine(TestFolders.RepositoryRoot, "generated", env, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var diagrams = MermaidBlock().Matches(readme).Select(m => m.Groups["body"].Value).ToList();
        Assert.IsNotEmpty(diagrams, $"generated/{env}/README.md has a Mermaid diagram");

        var dir = Directory.CreateTempSubdirectory("mermaid-").FullName;
        try
        {
            for (var i = 0; i < diagrams.Count; i++)
            {
                var input = Path.Combine(dir, $"{env}-{i}.mmd");
                var output = Path.ChangeExtension(input, ".svg");
                File.WriteAllText(input, diagrams[i]);
                var start = new ProcessStartInfo(mmdc)
                {
                    WorkingDirectory = Tooling,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                foreach (var arg in new[] { "--puppeteerConfigFile", Path.Combine(Tooling, "puppeteer-config.json"), "--quiet", "-i", input, "-o", output })
                {
                    start.ArgumentList.Add(arg);
                }
                using var process = Process.Start(start)!;
                var stderr = process.StandardError.ReadToEndAsync();
                var stdout = process.StandardOutput.ReadToEndAsync();
                Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), $"{env} diagram {i}: mmdc did not finish in 2 minutes");
                Assert.AreEqual(0, process.ExitCode, $"{env} diagram {i}: mmdc failed:\n{stdout.Result}\n{stderr.Result}\n{diagrams[i]}");

                Assert.IsTrue(File.Exists(output), $"{env} diagram {i}: no SVG written");
                var svg = File.ReadAllText(output);
                StringAssert.StartsWith(svg, "<svg", $"{env} diagram {i}");
                Assert.DoesNotContain("Syntax error", svg, $"{env} diagram {i}: Mermaid drew its error picture");
                // Every component of the model is drawn.
                foreach (var component in TodoSystem.Components)
                {
                    Assert.Contains(component.Description, svg.Replace("&amp;", "&", StringComparison.Ordinal), $"{env} diagram {i} draws {component.Name}");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
