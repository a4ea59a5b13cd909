using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Validation;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;
using Provisioning.Operations;

namespace Provisioning.Cli.Commands;

/// <summary><c>plan</c>: what regenerating would change against the committed generated/, without writing anything.</summary>
internal static class PlanCommand
{
    private static readonly Option<string[]> EnvironmentOption = CliOptions.Environments("every env/*.json");

    public static Command Create() => new CommittedStateCommand("Write JSON for pipelines instead of text.",
        "Folder with the committed generated/<env>/ to compare with (default: generated/ at the repository root).").Create("plan",
            "Shows what regenerating would change against the committed generated/<env>/main.state.json: resources added, removed and " +
            "changed (property paths, before → after), create-only violations, the deployment's critical path with per-type time " +
            "estimates, and the monthly cost delta. Generates in memory; writes nothing. Exit 0: no changes; 1: changes present; " +
            "2: invalid input or a create-only change `generate` would refuse.\n" +
            "Example: dotnet run --project src/Cli -- plan -e dev --json",
            Run, EnvironmentOption);

    private static int Run(ParseResult parse, CommittedStateInputs inputs)
    {
        var (output, error, envDir, generated) = (inputs.Output, inputs.Error, inputs.EnvironmentDirectory, inputs.GeneratedDirectory);
        try
        {
            var sheet = PriceSheet.Default;
            var plans = Planner.Plan(envDir, generated, parse.GetValue(EnvironmentOption) ?? [], sheet);
            // What `generate` would refuse is invalid input here too.
            var exit = plans.Any(p => !p.Violations.IsEmpty || p.TierDowngrade is not null) ? ExitCodes.InvalidInput
                : plans.Any(p => p.HasChanges) ? ExitCodes.CheckFailed
                : ExitCodes.Success;
            if (inputs.Json)
            {
                output.WriteLine(Json(plans, sheet, exit).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var plan in plans)
                {
                    output.Write(Text(plan, sheet));
                }
            }
            return exit;
        }
        catch (ConfigurationException ex)
        {
            OperationInputs.WriteProblems(error, "Nothing was planned", ex);
            return ExitCodes.InvalidInput;
        }
        catch (BicepValidationException ex)
        {
            error.WriteLine("Nothing was planned: the templates break model rules.");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"  {problem}");
            }
            return ExitCodes.InvalidInput;
        }
        catch (PriceSheetException ex)
        {
            error.WriteLine($"Nothing was planned: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (FormatException ex)
        {
            error.WriteLine($"Nothing was planned: {ex.Message} Fix: change probe.schedule in env/<env>.json.");
            return ExitCodes.InvalidInput;
        }
    }

    internal static string Text(EnvironmentPlan plan, PriceSheet sheet)
    {
        var text = new StringBuilder();
        var c = plan.Changes;
        if (!plan.HasChanges)
        {
            text.Append(CultureInfo.InvariantCulture, $"{plan.Environment}: no changes (generated/{plan.Environment} matches env/{plan.Environment}.json).\n");
        }
        else if (!plan.HasCommittedState)
        {
            text.Append(CultureInfo.InvariantCulture, $"{plan.Environment}: no committed state yet: all {c.Added.Length} resources would be created.\n");
        }
        else
        {
            var recreated = plan.Recreated.ToHashSet(StringComparer.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"{plan.Environment}: {c.Added.Length} to add, {c.Changed.Count(r => !recreated.Contains(r.After.SymbolicName))} to change, {recreated.Count} to recreate, {c.Removed.Length} to remove, {plan.Parameters.Length} parameter(s) changed.\n");
            foreach (var r in c.Added)
            {
                text.Append(CultureInfo.InvariantCulture, $"  + {r.SymbolicName} ({r.Type} {r.Name})\n");
            }
            foreach (var r in c.Removed)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - {r.SymbolicName} ({r.Type} {r.Name})\n");
            }
            foreach (var change in c.Changed)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ~ {change.After.SymbolicName} ({change.After.Type} {change.After.Name})\n");
                foreach (var p in change.Properties)
                {
                    text.Append(CultureInfo.InvariantCulture, $"      {p}\n");
                }
            }
            foreach (var p in plan.Parameters)
            {
                text.Append(CultureInfo.InvariantCulture, $"  ~ {p}\n");
            }
        }
        foreach (var cause in CreateOnlyCause.Group(plan.Violations))
        {
            var names = cause.SymbolicNames.ToList();
            var acknowledge = names.Count == 1 ? names[0] : RecreateCheck.EnvironmentScope(plan.Environment);
            text.Append(CultureInfo.InvariantCulture, $"  ! create-only: {cause.Path} {cause.Explanation}: {cause.Before} → {cause.After} re-creates {string.Join(", ", names)}. `generate` refuses this unless run with --allow-recreate {acknowledge}: {string.Join(" ", cause.Consequences)}\n");
        }
        if (plan.TierDowngrade is { } downgrade)
        {
            text.Append(CultureInfo.InvariantCulture, $"  ! leaves the production tier ({downgrade.From} → {downgrade.To}); `generate` refuses this unless run with --allow-tier-change {plan.Environment}. Guard rails it removes:{(downgrade.RemovedGuardRails.Count == 0 ? " none yet (the file keeps them, but nothing enforces them any more)" : "")}\n");
            foreach (var rail in downgrade.RemovedGuardRails)
            {
                text.Append(CultureInfo.InvariantCulture, $"      - {rail.JsonPath}: {rail.Message}\n");
            }
        }
        var before = plan.CommittedCost?.Total ?? 0m;
        text.Append(CultureInfo.InvariantCulture,
            $"  monthly cost (idle): {EstimateCommand.Money(before)} → {EstimateCommand.Money(plan.NextCost.Total)} {sheet.Currency} (delta {Signed(plan.CostDelta)}; price sheet {sheet.Region}, read {sheet.Date})\n");
        Deltas(text, plan.CommittedCost, plan.NextCost);
        text.Append(CultureInfo.InvariantCulture,
            $"  monthly cost at max replicas (every app busy at maxReplicas): {EstimateCommand.Money(plan.CommittedPeak?.Total ?? 0m)} → {EstimateCommand.Money(plan.NextPeak.Total)} {sheet.Currency} (delta {Signed(plan.PeakDelta)})\n");
        Deltas(text, plan.CommittedPeak, plan.NextPeak);
        var path = plan.CriticalPath;
        text.Append(CultureInfo.InvariantCulture, $"  critical path (first deployment, ~{CostEstimator.Fmt(path.TotalMinutes)} min; per-type estimates, see docs/operations.md):\n");
        foreach (var step in path.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"      {step.SymbolicName} ({EstimateCommand.ShortType(step.Type)}): {step.Time.Range}{(step.Time.IsGuess ? " (estimate)" : string.Empty)} → done at ~{CostEstimator.Fmt(step.FinishesAfterMinutes)} min\n");
        }
        text.Append('\n');
        return text.ToString();
    }

    private static void Deltas(StringBuilder text, CostEstimate? committed, CostEstimate next)
    {
        if (committed is null || next.Total == committed.Total)
        {
            return;
        }
        foreach (var (after, prior) in next.Lines.Select(l => (l, committed.Lines.FirstOrDefault(x => x.Resource == l.Resource))))
        {
            var delta = after.Monthly - (prior?.Monthly ?? 0m);
            if (delta != 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"      {after.Resource}: {Signed(delta)}\n");
            }
        }
    }

    private static string Signed(decimal value) => (value > 0 ? "+" : value < 0 ? "-" : "±") + EstimateCommand.Money(Math.Abs(value));

    private static JsonNode? Value(JsonNode? node, bool exists) => exists ? node?.DeepClone() ?? JsonValue.Create((string?)null) : "(not set)";

    internal static JsonObject Json(IReadOnlyList<EnvironmentPlan> plans, PriceSheet sheet, int exitCode) => new()
    {
        ["exitCode"] = exitCode,
        ["priceSheet"] = new JsonObject { ["date"] = sheet.Date, ["region"] = sheet.Region, ["currency"] = sheet.Currency },
        ["environments"] = new JsonArray([.. plans.Select(p => (JsonNode)new JsonObject
        {
            ["environment"] = p.Environment,
            ["hasChanges"] = p.HasChanges,
            ["added"] = new JsonArray([.. p.Changes.Added.Select(r => (JsonNode)Resource(r))]),
            ["removed"] = new JsonArray([.. p.Changes.Removed.Select(r => (JsonNode)Resource(r))]),
            ["changed"] = new JsonArray([.. p.Changes.Changed.Select(c => (JsonNode)new JsonObject
            {
                ["symbolicName"] = c.After.SymbolicName,
                ["type"] = c.After.Type,
                ["properties"] = new JsonArray([.. c.Properties.Select(Property)]),
            })]),
            ["parameters"] = new JsonArray([.. p.Parameters.Select(Property)]),
            ["recreated"] = new JsonArray([.. p.Recreated.Select(n => (JsonNode)n)]),
            ["tierDowngrade"] = p.TierDowngrade is not { } d ? null : new JsonObject
            {
                ["from"] = d.From,
                ["to"] = d.To,
                ["removedGuardRails"] = new JsonArray([.. d.RemovedGuardRails.Select(r => (JsonNode)new JsonObject { ["path"] = r.JsonPath, ["message"] = r.Message })]),
            },
            ["createOnlyViolations"] = new JsonArray([.. p.Violations.Select(v => (JsonNode)new JsonObject
            {
                ["symbolicName"] = v.SymbolicName,
                ["path"] = v.Property.Path,
                ["rule"] = v.Property.Rule.Kind,
                ["before"] = v.Before,
                ["after"] = v.After,
                ["recreateConsequence"] = v.RecreateConsequence,
            })]),
            ["criticalPath"] = new JsonObject
            {
                ["totalMinutes"] = p.CriticalPath.TotalMinutes,
                ["steps"] = new JsonArray([.. p.CriticalPath.Steps.Select(s => (JsonNode)new JsonObject
                {
                    ["symbolicName"] = s.SymbolicName,
                    ["type"] = s.Type,
                    ["minutes"] = s.Time.Minutes,
                    ["range"] = s.Time.Range,
                    ["finishesAfterMinutes"] = s.FinishesAfterMinutes,
                    ["estimate"] = s.Time.IsGuess,
                    ["source"] = s.Time.Source,
                })]),
            },
            ["cost"] = new JsonObject
            {
                ["committedMonthly"] = p.CommittedCost is null ? null : Math.Round(p.CommittedCost.Total, 2),
                ["nextMonthly"] = Math.Round(p.NextCost.Total, 2),
                ["deltaMonthly"] = Math.Round(p.CostDelta, 2),
                ["committedAtMaxReplicas"] = p.CommittedPeak is null ? null : Math.Round(p.CommittedPeak.Total, 2),
                ["nextAtMaxReplicas"] = Math.Round(p.NextPeak.Total, 2),
                ["deltaAtMaxReplicas"] = Math.Round(p.PeakDelta, 2),
            },
        })]),
    };

    private static JsonObject Resource(ResourceState r) => new() { ["symbolicName"] = r.SymbolicName, ["type"] = r.Type, ["name"] = r.Name };

    private static JsonNode Property(PropertyChange c) => new JsonObject
    {
        ["path"] = c.Path,
        ["before"] = Value(c.Before, c.BeforeExists),
        ["after"] = Value(c.After, c.AfterExists),
    };
}
