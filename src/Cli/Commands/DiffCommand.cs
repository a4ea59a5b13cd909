using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Configuration;
using Provisioning.Operations;

namespace Provisioning.Cli.Commands;

/// <summary><c>diff ENV1 ENV2</c>: every effective difference between two environments, as a table.</summary>
internal static class DiffCommand
{
    private static readonly Argument<string> LeftArgument = new("ENV1") { Description = "First environment (a file name in env/ without .json, e.g. dev)." };

    private static readonly Argument<string> RightArgument = new("ENV2") { Description = "Second environment, e.g. prod." };

    public static Command Create() => new CommittedStateCommand("Write JSON instead of tables.").Create("diff",
            "Lists every effective difference between two environments: their settings (sizes, replicas, SKUs, network, backups, " +
            "locks, probe schedule, alert e-mail, defaults applied) and their committed resources (matched by symbolic name, " +
            "parameters resolved, the environment's own name written as {env} so name-only differences drop out). Exit 0.\n" +
            "Example: dotnet run --project src/Cli -- diff dev prod",
            Run, LeftArgument, RightArgument);

    private static int Run(ParseResult parse, CommittedStateInputs inputs)
    {
        var (output, error, envDir, generated) = (inputs.Output, inputs.Error, inputs.EnvironmentDirectory, inputs.GeneratedDirectory);
        var left = parse.GetValue(LeftArgument)!;
        var right = parse.GetValue(RightArgument)!;
        try
        {
            var configurations = ConfigurationLoader.LoadAll(envDir);
            var missing = new[] { left, right }.Where(n => configurations.All(c => c.Name != n)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new ConfigurationException(missing.Select(n => new ConfigurationProblem(Path.Combine(envDir, n + ".json"), "$",
                    $"there is no environment named '{n}'.", $"use one of {string.Join(", ", configurations.Select(c => c.Name))}.")).ToList());
            }
            var comparison = EnvironmentDiff.Compare(
                configurations.Single(c => c.Name == left), CommittedState.Read(generated, left),
                configurations.Single(c => c.Name == right), CommittedState.Read(generated, right));
            output.Write(inputs.Json ? Json(comparison) : Text(comparison, TerminalWidth.For(output)));
            return ExitCodes.Success;
        }
        catch (ConfigurationException ex)
        {
            OperationInputs.WriteProblems(error, "Nothing was compared", ex);
            return ExitCodes.InvalidInput;
        }
    }

    internal static string Text(EnvironmentComparison c, int? width = null)
    {
        var text = new StringBuilder();
        if (c.Settings.Count == 0 && c.Resources.Count == 0)
        {
            return $"{c.Left} and {c.Right} have no effective differences.\n";
        }
        var settings = new TextTable("setting", c.Left, c.Right);
        foreach (var d in c.Settings)
        {
            settings.Add(d.Path, d.Left, d.Right);
        }
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Settings ({c.Settings.Count}, env/{c.Left}.json vs env/{c.Right}.json, defaults applied):\n").Append(settings.Write("  ", width)).Append('\n');
        var resources = new TextTable("resource", "property", c.Left, c.Right);
        foreach (var d in c.Resources)
        {
            resources.Add(d.Subject, d.Path, Short(d.Left), Short(d.Right));
        }
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Resources ({c.Resources.Count} differences in the committed states, environment name written as {{env}}):\n").Append(resources.Write("  ", width));
        return TextWrap.Lines(text.ToString(), width);
    }

    private static string Short(string value)
    {
        var single = value.Replace("\n", " ", StringComparison.Ordinal);
        return single.Length <= 80 ? single : single[..77] + "...";
    }

    private static string Json(EnvironmentComparison c) =>
        new JsonObject
        {
            ["left"] = c.Left,
            ["right"] = c.Right,
            ["settings"] = new JsonArray([.. c.Settings.Select(Row)]),
            ["resources"] = new JsonArray([.. c.Resources.Select(Row)]),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    private static JsonNode Row(Difference d) => new JsonObject { ["subject"] = d.Subject, ["path"] = d.Path, ["left"] = d.Left, ["right"] = d.Right };
}
