using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.Bicep.State;

namespace Provisioning.Operations;

/// <summary>How long Azure typically takes to create one resource type, with where the figure comes from.</summary>
public sealed record ProvisioningTime(decimal Minutes, string Range, string Source, bool IsGuess);

/// <summary>One resource on the critical path, with its estimate and when it would finish.</summary>
public sealed record PathStep(string SymbolicName, string Type, ProvisioningTime Time, decimal FinishesAfterMinutes);

/// <summary>The longest chain of dependencies of a deployment, weighted by per-type creation times.</summary>
public sealed record DeploymentPath(IReadOnlyList<PathStep> Steps)
{
    public decimal TotalMinutes => Steps.Count == 0 ? 0 : Steps[^1].FinishesAfterMinutes;
}

/// <summary>
/// Dependencies are the explicit <c>dependsOn</c> entries, <c>parent</c>/<c>scope</c>, and every symbolic name an
/// expression in the body mentions (<c>appsEnvironment.id</c>, <c>'${registry.properties.loginServer}/…'</c>): ARM
/// orders a deployment by exactly these references.
/// </summary>
public static partial class CriticalPath
{
    private const string NoPublishedFigure = "estimate: no published provisioning time found in the documentation search; typical duration seen in deployments";

    public static ProvisioningTime TimeOf(DeploymentState state, ResourceState resource)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(resource);
        switch (resource.Type)
        {
            case "Microsoft.DBforPostgreSQL/flexibleServers":
                var ha = StateReading.Text(state, resource, "properties.highAvailability.mode") is { } mode && mode != "Disabled";
                var vnet = StateReading.At(resource, "properties.network.delegatedSubnetResourceId") is not null;
                return ha
                    ? new(25, "20–30 min", NoPublishedFigure + "; zone-redundant HA creates and seeds a standby in another zone, adding roughly 10 minutes", true)
                    : new(vnet ? 15 : 12, "10–15 min", NoPublishedFigure + " (server creation is the slowest step of most deployments)", true);
            case "Microsoft.App/managedEnvironments":
                return StateReading.At(resource, "properties.vnetConfiguration") is not null
                    ? new(12, "10–15 min", NoPublishedFigure + "; an environment in a custom VNet provisions its own infrastructure subnet resources", true)
                    : new(5, "3–7 min", NoPublishedFigure, true);
            case "Microsoft.App/containerApps":
            case "Microsoft.App/jobs":
                return new(2, "1–3 min", NoPublishedFigure + "; includes pulling the image and the first revision's startup probe", true);
            case "Microsoft.Network/privateEndpoints":
                return new(2, "1–3 min", NoPublishedFigure, true);
            case "Microsoft.KeyVault/vaults":
            case "Microsoft.ContainerRegistry/registries":
            case "Microsoft.OperationalInsights/workspaces":
            case "Microsoft.Storage/storageAccounts":
            case "Microsoft.Network/privateDnsZones":
                return new(1, "0.5–2 min", NoPublishedFigure, true);
            case "Microsoft.Authorization/roleAssignments":
                return new(0.5m, "10–60 s", NoPublishedFigure + "; RBAC propagation can take minutes more before the grant works", true);
            default:
                return new(0.5m, "under a minute", NoPublishedFigure + " (small control-plane resource)", true);
        }
    }

    public static DeploymentPath Compute(DeploymentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resources = state.Resources.ToDictionary(r => r.SymbolicName, StringComparer.Ordinal);
        var dependencies = resources.Values.ToDictionary(r => r.SymbolicName, r => Dependencies(r, resources.Keys), StringComparer.Ordinal);
        var finish = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        decimal Finish(string name)
        {
            if (finish.TryGetValue(name, out var known))
            {
                return known;
            }
            if (!visiting.Add(name))
            {
                return 0; // a cycle cannot deploy; Bicep rejects it, so it never reaches here from generated files
            }
            string? slowest = null;
            decimal start = 0;
            foreach (var dependency in dependencies[name])
            {
                var end = Finish(dependency);
                if (slowest is null || end > start)
                {
                    start = end;
                    slowest = dependency;
                }
            }
            var resource = resources[name];
            var own = resource.IsExisting ? 0 : TimeOf(state, resource).Minutes;
            visiting.Remove(name);
            previous[name] = slowest;
            return finish[name] = start + own;
        }

        foreach (var name in resources.Keys)
        {
            Finish(name);
        }
        if (finish.Count == 0)
        {
            return new DeploymentPath([]);
        }
        var last = finish.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
        var steps = new List<PathStep>();
        for (string? current = last; current is not null; current = previous[current])
        {
            var r = resources[current];
            steps.Insert(0, new PathStep(current, r.Type, r.IsExisting ? new(0, "exists", "existing resource", false) : TimeOf(state, r), finish[current]));
        }
        return new DeploymentPath(steps);
    }

    /// <summary>The symbolic names <paramref name="resource"/> waits for.</summary>
    public static IReadOnlySet<string> Dependencies(ResourceState resource, IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var known = symbols.ToHashSet(StringComparer.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Collect(resource.Body, found, known);
        found.Remove(resource.SymbolicName);
        return found;
    }

    private static void Collect(JsonNode? node, SortedSet<string> found, HashSet<string> known)
    {
        switch (node)
        {
            case JsonObject o when StateValues.ExpressionText(o) is { } text:
                AddReferences(text, found, known);
                break;
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key.StartsWith("$'", StringComparison.Ordinal))
                    {
                        AddReferences(key[1..], found, known);
                    }
                    Collect(value, found, known);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, found, known);
                }
                break;
        }
    }

    private static void AddReferences(string bicep, SortedSet<string> found, HashSet<string> known)
    {
        foreach (Match m in Identifier().Matches(bicep))
        {
            if (known.Contains(m.Value))
            {
                found.Add(m.Value);
            }
        }
    }

    /// <summary>An identifier not inside a quoted literal like <c>'registry'</c> and not a property after a dot.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_'.])[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_'])", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
