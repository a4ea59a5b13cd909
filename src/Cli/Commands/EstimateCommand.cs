using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Environments.Generation;
using Provisioning.Environments.Configuration;
using Provisioning.Operations;

namespace Provisioning.Cli.Commands;

/// <summary><c>estimate</c>: monthly cost per environment and per resource from the committed, dated price sheet.</summary>
internal static class EstimateCommand
{
    private static readonly Option<string[]> EnvironmentOption = CliOptions.Environments("every generated/<env>/main.state.json");

    private const decimal DefaultRps = 2m;

    private static readonly Option<decimal> RpsOption = new("--rps")
    {
        Description = "The stated load: steady requests per second reaching frontend, backend and mcp (default 2).",
        DefaultValueFactory = _ => DefaultRps,
    };

    private static readonly Option<string> ProbeScheduleOption = new("--probe-schedule")
    {
        Description = "What if the probe ran on this NCRONTAB schedule instead of the environment's probe.schedule (e.g. \"0 */15 * * * *\").",
    };

    private static readonly Option<string> AlertFrequencyOption = new("--alert-frequency")
    {
        Description = "What if every log alert were evaluated at this ISO 8601 frequency (PT1M, PT5M, PT10M, PT15M).",
    };

    private static readonly Option<decimal?> BudgetOption = new("--budget")
    {
        Description = "Monthly idle budget to check (default: 30 for dev, none otherwise); when exceeded, lists what prevents it and the knobs that help.",
    };

    private static readonly Option<DirectoryInfo> EnvDirOption =
        CliOptions.EnvDir("Folder with the environment files whose knobs the budget advice turns (default: env/ at the repository root).");

    private static readonly Option<DirectoryInfo> GeneratedOption = CliOptions.Generated();

    private static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON for pipelines instead of tables." };

    private static readonly Option<bool> MarkdownOption = new("--markdown") { Description = "Write one Markdown summary table of the selected environments (generated/costs.md's table)." };

    public static Command Create()
    {
        var command = new Command("estimate",
            "Monthly cost per environment and per resource, idle and at a stated load, from the committed dated price sheet " +
            "(src/Operations/prices.westeurope.json), counting replicas the probe keeps awake and alert rule frequency. " +
            "Reads the committed generated/<env>/main.state.json; needs no network and no Azure.\n" +
            "Example: dotnet run --project src/Cli -- estimate -e dev --rps 5");
        command.Options.Add(EnvironmentOption);
        command.Options.Add(RpsOption);
        command.Options.Add(ProbeScheduleOption);
        command.Options.Add(AlertFrequencyOption);
        command.Options.Add(BudgetOption);
        command.Options.Add(EnvDirOption);
        command.Options.Add(GeneratedOption);
        command.Options.Add(JsonOption);
        command.Options.Add(MarkdownOption);
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var generated = parse.GeneratedDirectory(GeneratedOption);
        var envDir = parse.EnvironmentDirectory(EnvDirOption);
        var rps = parse.GetValue(RpsOption);
        var probeSchedule = parse.GetValue(ProbeScheduleOption);
        var alertFrequency = parse.GetValue(AlertFrequencyOption);
        if (rps < 0)
        {
            error.WriteLine($"--rps {rps.ToString(CultureInfo.InvariantCulture)}: the load cannot be negative. Fix: pass 0 for idle or a positive number of requests per second.");
            return ExitCodes.InvalidInput;
        }
        if (Invalid(probeSchedule, ProbeSchedule.IntervalSeconds) is { } scheduleProblem)
        {
            error.WriteLine($"--probe-schedule: {scheduleProblem}");
            return ExitCodes.InvalidInput;
        }
        if (Invalid(alertFrequency, CostEstimator.AlertMeter) is { } frequencyProblem)
        {
            error.WriteLine($"--alert-frequency: {frequencyProblem}");
            return ExitCodes.InvalidInput;
        }
        try
        {
            var sheet = PriceSheet.Default;
            var environments = OperationInputs.Environments(generated, parse.GetValue(EnvironmentOption) ?? []);
            var results = new JsonArray();
            var summary = SummaryTable(sheet, rps);
            foreach (var environment in environments)
            {
                var state = CommittedState.Read(generated, environment);
                var idle = CostEstimator.Estimate(environment, state, new CostScenario { ProbeSchedule = probeSchedule, AlertFrequency = alertFrequency }, sheet);
                var load = CostEstimator.Estimate(environment, state, new CostScenario { RequestsPerSecond = rps, ProbeSchedule = probeSchedule, AlertFrequency = alertFrequency }, sheet);
                var budget = parse.GetValue(BudgetOption) ?? BudgetAdvice.DefaultBudget(environment);
                var advice = budget is { } b ? BudgetAdvice.For(environment, state, EnvironmentFile(envDir, environment), b, sheet) : null;
                if (parse.GetValue(MarkdownOption))
                {
                    AddSummaryRow(summary, environment, idle, load, advice, sheet);
                }
                else if (parse.GetValue(JsonOption))
                {
                    results.Add(Json(idle, load, advice, sheet));
                }
                else
                {
                    output.Write(Text(idle, load, rps, advice, sheet, TerminalWidth.For(output)));
                }
            }
            if (parse.GetValue(MarkdownOption))
            {
                output.Write(MarkdownDocument(summary, sheet));
            }
            else if (parse.GetValue(JsonOption))
            {
                var root = new JsonObject
                {
                    ["priceSheet"] = new JsonObject { ["date"] = sheet.Date, ["region"] = sheet.Region, ["currency"] = sheet.Currency },
                    ["requestsPerSecond"] = rps,
                    ["environments"] = results,
                };
                output.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            return ExitCodes.Success;
        }
        catch (ConfigurationException ex)
        {
            OperationInputs.WriteProblems(error, "Nothing was estimated", ex);
            return ExitCodes.InvalidInput;
        }
        catch (PriceSheetException ex)
        {
            error.WriteLine($"Nothing was estimated: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (FormatException ex)
        {
            error.WriteLine($"Nothing was estimated: the probe schedule in the committed state cannot be estimated: {ex.Message} Fix: change probe.schedule in env/<env>.json and regenerate, or pass --probe-schedule.");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>The environment file the budget advice turns knobs on; null when there is none (no knob is offered then).</summary>
    /// <exception cref="ConfigurationException">The file exists but is invalid.</exception>
    private static EnvironmentConfiguration? EnvironmentFile(string envDir, string environment)
    {
        var file = Path.Combine(envDir, environment + ".json");
        if (!File.Exists(file))
        {
            return null;
        }
        var (configuration, problems) = ConfigurationLoader.Load(file);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : configuration;
    }

    /// <summary>The budget cell of the summary table: what all knobs together reach, else the cheapest single knob.</summary>
    private static string BestKnobs(BudgetAdvice advice, PriceSheet sheet) => advice switch
    {
        { Together: { } together } => $"{Money(together.IdleMonthly)} with the env-file knobs ({(advice.MetWithKnobs ? "met" : "still not met")}; " +
                                      $"{Money(advice.TogetherWorstCase ?? 0m)} {(advice.MetWithKnobsDespiteEstimates ? "within it" : "above it")} if every estimated figure is {sheet.EstimateUncertainty:P0} higher)",
        { WhatIfs.Count: > 0 } => $"best knob {Money(advice.WhatIfs.Min(w => w.IdleMonthly))}",
        _ => "no knob in the env file",
    };

    private static string? Invalid<T>(string? value, Func<string, T> parse)
    {
        if (value is null)
        {
            return null;
        }
        try
        {
            parse(value);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    internal static string Text(CostEstimate idle, CostEstimate load, decimal rps, BudgetAdvice? advice, PriceSheet sheet, int? width = null)
    {
        var table = new TextTable("resource", "type", "idle", $"at {CostEstimator.Fmt(rps)} req/s", "how");
        table.RightAligned.Add(2);
        table.RightAligned.Add(3);
        foreach (var (i, l) in idle.Lines.Zip(load.Lines))
        {
            table.Add(i.Resource + (i.UsesEstimate(sheet) ? " *" : string.Empty), ShortType(i.Type), Money(i.Monthly), Money(l.Monthly), i.Basis);
        }
        table.Add("total", string.Empty, Money(idle.Total), Money(load.Total), string.Empty);
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{idle.Environment}: {Money(idle.Total)} {sheet.Currency}/month idle, {Money(load.Total)} at {CostEstimator.Fmt(rps)} req/s (price sheet {sheet.Region}, {sheet.Currency}, read {sheet.Date}; * uses an estimated figure, see the sheet)\n");
        text.Append(CultureInfo.InvariantCulture, $"  {Money(idle.EstimatedPart(sheet))} of the idle total rests on estimated figures; if each were {sheet.EstimateUncertainty:P0} higher, idle would be {Money(idle.WorstCase(sheet))}.\n");
        foreach (var note in idle.Notes)
        {
            text.Append("  ").Append(note).Append('\n');
        }
        text.Append(table.Write("  ", width));
        if (advice is not null)
        {
            text.Append(Advice(advice, sheet));
        }
        text.Append('\n');
        return TextWrap.Lines(text.ToString(), width);
    }

    internal static string Advice(BudgetAdvice advice, PriceSheet sheet)
    {
        var text = new System.Text.StringBuilder();
        if (advice.Met)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Budget {Money(advice.Budget)} {sheet.Currency}/month idle: met.\n");
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture, $"  Budget {Money(advice.Budget)} {sheet.Currency}/month idle: NOT met ({Money(advice.IdleMonthly)}). What prevents it, largest first:\n");
        foreach (var line in advice.Blockers)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {line.Resource} ({ShortType(line.Type)}): {Money(line.Monthly)} — {line.Basis}\n");
        }
        if (advice.WhatIfs.Count == 0)
        {
            text.Append("  No knob of the environment file lowers it further (or there is no environment file).\n");
            return text.ToString();
        }
        text.Append("  Knobs of the environment file (idle cost with each turned alone):\n");
        foreach (var w in advice.WhatIfs)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {w.Settings}: {Money(w.IdleMonthly)}. Trade-off: {w.Knobs[0].TradeOff}\n");
        }
        if (advice.Together is { } together)
        {
            var left = together.Estimate.Lines.Where(l => l.Monthly != 0).OrderByDescending(l => l.Monthly).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"  All together ({together.Settings}): {Money(together.IdleMonthly)}, {(advice.MetWithKnobs ? "meets" : "still above")} the budget " +
                $"(by {Money(Math.Abs(advice.Budget - together.IdleMonthly))}); with every estimated figure {sheet.EstimateUncertainty:P0} higher, {Money(advice.TogetherWorstCase ?? 0m)}, " +
                $"{(advice.MetWithKnobsDespiteEstimates ? "still within" : "above")} it.\n");
            text.Append(CultureInfo.InvariantCulture,
                $"    What is left: {string.Join(", ", left.Select(l => $"{l.Resource} {Money(l.Monthly)}"))}; no knob moves the database server and the registry's daily fee.\n");
        }
        return text.ToString();
    }

    private static JsonObject Json(CostEstimate idle, CostEstimate load, BudgetAdvice? advice, PriceSheet sheet)
    {
        var o = new JsonObject
        {
            ["environment"] = idle.Environment,
            ["probeIntervalSeconds"] = idle.ProbeIntervalSeconds,
            ["idleMonthly"] = Math.Round(idle.Total, 2),
            ["idleEstimatedPart"] = Math.Round(idle.EstimatedPart(sheet), 2),
            ["idleWorstCase"] = Math.Round(idle.WorstCase(sheet), 2),
            ["loadMonthly"] = Math.Round(load.Total, 2),
            ["resources"] = new JsonArray([.. idle.Lines.Zip(load.Lines).Select(p => (JsonNode)new JsonObject
            {
                ["resource"] = p.First.Resource,
                ["type"] = p.First.Type,
                ["idleMonthly"] = Math.Round(p.First.Monthly, 2),
                ["loadMonthly"] = Math.Round(p.Second.Monthly, 2),
                ["basis"] = p.First.Basis,
                ["meters"] = new JsonArray([.. p.First.Meters.Select(m => (JsonNode)m)]),
                ["usesEstimate"] = p.First.UsesEstimate(sheet),
            })]),
        };
        if (advice is not null)
        {
            o["budget"] = new JsonObject
            {
                ["monthly"] = advice.Budget,
                ["met"] = advice.Met,
                ["blockers"] = new JsonArray([.. advice.Blockers.Select(b => (JsonNode)new JsonObject { ["resource"] = b.Resource, ["monthly"] = Math.Round(b.Monthly, 2) })]),
                ["whatIfs"] = new JsonArray([.. advice.WhatIfs.Select(w => (JsonNode)WhatIfJson(w))]),
                ["together"] = advice.Together is { } together ? WhatIfJson(together) : null,
                ["metWithKnobs"] = advice.MetWithKnobs,
                ["togetherWorstCase"] = advice.TogetherWorstCase is { } worst ? Math.Round(worst, 2) : null,
                ["metWithKnobsDespiteEstimates"] = advice.MetWithKnobsDespiteEstimates,
            };
        }
        return o;
    }

    private static JsonObject WhatIfJson(WhatIf w) => new()
    {
        ["settings"] = new JsonArray([.. w.Knobs.Select(k => (JsonNode)new JsonObject { ["setting"] = k.Setting, ["value"] = k.Value, ["tradeOff"] = k.TradeOff })]),
        ["idleMonthly"] = Math.Round(w.IdleMonthly, 2),
    };

    /// <summary>The row of <c>estimate --markdown</c> for one environment.</summary>
    private static void AddSummaryRow(TextTable summary, string environment, CostEstimate idle, CostEstimate load, BudgetAdvice? advice, PriceSheet sheet) =>
        summary.Add(environment, Money(idle.Total), Money(load.Total),
            string.Join(", ", idle.Lines.Where(l => l.Monthly > 0).OrderByDescending(l => l.Monthly).Take(4).Select(l => $"{l.Resource} {Money(l.Monthly)}")),
            advice is null ? "—" : advice.Met ? $"{Money(advice.Budget)}: met" : $"{Money(advice.Budget)}: not met; {BestKnobs(advice, sheet)}");

    private static TextTable SummaryTable(PriceSheet sheet, decimal rps)
    {
        var summary = new TextTable("environment", $"idle ({sheet.Currency}/month)", $"at {CostEstimator.Fmt(rps)} req/s", "largest idle items", "budget");
        summary.RightAligned.Add(1);
        summary.RightAligned.Add(2);
        return summary;
    }

    private static string MarkdownDocument(TextTable summary, PriceSheet sheet) =>
        summary.Markdown() + Environment.NewLine +
        $"Price sheet: {sheet.Region}, {sheet.Currency}, read {sheet.Date} (src/Operations/prices.{sheet.Region}.json; figures marked as estimates there are unconfirmed).{Environment.NewLine}";

    /// <summary>
    /// <c>estimate --markdown</c> of every environment of <paramref name="generated"/> with the default options, as
    /// <c>generate</c> writes it to <c>generated/costs.md</c> (the README links to it instead of repeating figures).
    /// </summary>
    internal static string CostsDocument(string generated, string envDir)
    {
        var sheet = PriceSheet.Default;
        var rps = DefaultRps;
        var summary = SummaryTable(sheet, rps);
        foreach (var environment in OperationInputs.Environments(generated, []))
        {
            var state = CommittedState.Read(generated, environment);
            var idle = CostEstimator.Estimate(environment, state, new CostScenario(), sheet);
            var load = CostEstimator.Estimate(environment, state, new CostScenario { RequestsPerSecond = rps }, sheet);
            var advice = BudgetAdvice.DefaultBudget(environment) is { } b ? BudgetAdvice.For(environment, state, EnvironmentFile(envDir, environment), b, sheet) : null;
            AddSummaryRow(summary, environment, idle, load, advice, sheet);
        }
        return "# Estimated monthly cost\n\nGenerated by `dotnet run --project src/Cli` (the same table as `dotnet run --project src/Cli -- estimate --markdown`); do not edit.\n\n" +
               MarkdownDocument(summary, sheet).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    internal static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    internal static string ShortType(string type) => type.Contains('/', StringComparison.Ordinal) ? type[(type.IndexOf('/', StringComparison.Ordinal) + 1)..] : type;
}
