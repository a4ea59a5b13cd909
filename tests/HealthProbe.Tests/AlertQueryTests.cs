using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Issue 9.1: every alert query of every compiled environment, read from the ARM JSON Azure receives, filters on
/// values the probe really sends, as seen on the wire from the real host running under that environment's app
/// settings. A query that names a check the probe does not emit, a role name it does not send or a custom
/// dimension value it never carries could never fire (or never resolve); so could a check without an alert.
/// </summary>
[TestClass]
public sealed class AlertQueryTests
{
    /// <summary>The Application Insights table each envelope type lands in (classic names, as the rules use).</summary>
    private static readonly Dictionary<string, string> TableOf = new(StringComparer.Ordinal)
    {
        ["availabilityResults"] = "AvailabilityData",
        ["traces"] = "MessageData",
    };

    [TestMethod]
    public async Task Each_alert_query_filters_on_check_names_role_name_and_values_the_probe_sends()
    {
        var problems = new List<(string Where, string What)>();
        foreach (var environment in CompiledEnvironments.Names)
        {
            var run = await RealCompositionRuns.Of(environment);
            var queries = CompiledEnvironments.AlertQueries(environment);
            // The platform checks emit only where the host has the platform settings, i.e. in Azure, never in this
            // local run: their names count as emitted when the template gives the probe every platform setting and
            // the host, composed under such settings, registers checks of those names.
            var platform = PlatformSettingNames.All.All(CompiledEnvironments.ProbeAppSettingNames(environment).Contains)
                ? PlatformChecksCompositionTests.RegisteredWithPlatformSettings().Except(StandardChecks.Create().Select(c => c.Name)).ToHashSet(StringComparer.Ordinal)
                : [];
            if (queries.Count == 0)
            {
                problems.Add((environment, "no scheduled query rule at all"));
            }
            var alerted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (rule, query) in queries)
            {
                problems.AddRange(Judge(query, run, platform, alerted).Select(p => ($"{environment}/{rule}", p)));
            }

            // Vice versa: a check the probe emits but no per-check rule names would fail silently.
            var emitted = run.Availability.Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);
            foreach (var check in emitted.Union(platform).Except(alerted).Order(StringComparer.Ordinal))
            {
                problems.Add((environment, $"the probe emits check '{check}' but no alert query names it"));
            }
        }

        // One line per distinct problem, naming every rule that has it: the same mistake usually repeats in all of them.
        var report = problems.GroupBy(p => p.What, p => p.Where)
            .Select(g => $"{g.Key}\n    in {g.Count()}: {string.Join(", ", g)}");
        Assert.IsEmpty(problems, $"{problems.Count} alert filter(s) that match nothing the probe sends:\n" + string.Join('\n', report));
    }

    private static IEnumerable<string> Judge(string query, RealCompositionRun run, IReadOnlySet<string> platform, HashSet<string> alerted)
    {
        var table = KqlFilters.Table(query);
        if (!TableOf.TryGetValue(table, out var baseType))
        {
            yield return $"queries table '{table}', which no envelope the probe sends lands in";
            yield break;
        }
        var items = run.Envelopes.Where(e => e.BaseType == baseType).ToList();
        if (items.Count == 0)
        {
            yield return $"queries {table}, but the probe sent no {baseType}";
            yield break;
        }

        foreach (var filter in KqlFilters.Of(query))
        {
            if (filter.Values is null || filter.Operator is not ("==" or "!=" or "in" or "=~" or "in~"))
            {
                yield return $"filter `{filter.Text}` is in a form this test cannot judge; compare with literals (==, !=, in, =~)";
                continue;
            }
            var ignoreCase = filter.Operator.Contains('~', StringComparison.Ordinal);
            var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            switch (filter.Field)
            {
                case "cloud_RoleName":
                    var roles = items.Select(i => i.RoleName ?? "").Distinct().ToList();
                    foreach (var role in filter.Values.Where(v => !roles.Contains(v, comparer)))
                    {
                        yield return $"`{filter.Text}`: the probe's {baseType} carry cloud_RoleName (ai.cloud.role) " +
                            $"[{string.Join(", ", roles.Select(r => $"'{r}'"))}], never '{role}'";
                    }
                    break;
                case "name":
                    var names = items.Select(i => i.Name).OfType<string>().ToHashSet(comparer);
                    foreach (var name in filter.Values)
                    {
                        if (names.Contains(name) || (baseType == "AvailabilityData" && platform.Contains(name)))
                        {
                            alerted.Add(name);
                        }
                        else
                        {
                            yield return $"`{filter.Text}`: the probe emits no {baseType} named '{name}' (it emits {string.Join(", ", names.Order(StringComparer.Ordinal))})";
                        }
                    }
                    break;
                case "customDimensions":
                    var missing = items.Where(i => !i.Properties.ContainsKey(filter.Key!)).Select(i => i.Name ?? i.Text("message")).ToList();
                    if (missing.Count > 0)
                    {
                        yield return $"`{filter.Text}`: custom dimension '{filter.Key}' is missing on {missing.Count} {baseType} (e.g. {missing[0]})";
                        break;
                    }
                    var carried = items.Select(i => i.Properties[filter.Key!]).ToHashSet(comparer);
                    // A failure kind this run did not produce (the probe starved) is still one the probe sends: the kinds
                    // are FailureKind's names, as AvailabilityReporter writes them.
                    if (filter.Key == "failureKind")
                    {
                        carried.UnionWith(Enum.GetNames<Provisioning.Probes.FailureKind>());
                    }
                    foreach (var value in filter.Values.Where(v => !carried.Contains(v)))
                    {
                        yield return $"`{filter.Text}`: custom dimension '{filter.Key}' never carries '{value}' " +
                            $"(the probe sends {string.Join(", ", carried.Order(StringComparer.Ordinal).Select(c => $"'{c}'"))})";
                    }
                    break;
                case "success":
                    // The envelope's success is a JSON boolean, which the tables show as '1'/'0' (classic) or
                    // True/False (workspace): each literal must be one of those for a value the probe sent, and a
                    // list naming both outcomes would match everything.
                    var sent = items.Select(i => (bool)i.BaseData["success"]!).Distinct().ToList();
                    foreach (var value in filter.Values.Where(v => Spelling(v) is not { } b || !sent.Contains(b)))
                    {
                        yield return $"`{filter.Text}`: '{value}' is not how success={string.Join("/", sent)} (what the probe sent) reads";
                    }
                    if (filter.Values.Select(Spelling).OfType<bool>().Distinct().Count() > 1)
                    {
                        yield return $"`{filter.Text}`: names both success values, so it selects every result";
                    }
                    break;
            }
        }
    }

    /// <summary>The boolean a success literal stands for in the availabilityResults table, or null.</summary>
    private static bool? Spelling(string value) => value.ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };
}
