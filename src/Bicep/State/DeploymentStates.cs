using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;

namespace Provisioning.Bicep.State;

/// <summary>Builds the <see cref="DeploymentState"/> of a validated template and its parameter file.</summary>
public static class DeploymentStates
{
    /// <param name="templateName">The template's file name, e.g. <c>main.bicep</c>.</param>
    /// <param name="parameters">The parameter file deployed with it, if any: its literal values resolve parameter references.</param>
    /// <param name="labels">Facts the next run must know that no resource holds (see <see cref="DeploymentState.Labels"/>).</param>
    public static DeploymentState Create(string templateName, BicepFile template, BicepParamFile? parameters = null, IEnumerable<KeyValuePair<string, string>>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new DeploymentState(
            templateName,
            Parameters(template, parameters),
            [.. template.Statements.OfType<ResourceStatement>().Select(Resource)])
        {
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, labels ?? []),
        };
    }

    private static ResourceState Resource(ResourceStatement statement)
    {
        var body = (JsonObject)StateValues.From(statement.Body)!;
        var name = statement.Body.Properties.FirstOrDefault(p => p.Name == "name" && p.ComputedKey is null)?.Value;
        return new ResourceState(
            statement.Name,
            statement.Type,
            statement.ApiVersion,
            name is null ? string.Empty : BicepWriter.Write(name),
            body,
            statement.CreateOnlyProperties,
            statement.RecreateConsequence)
        {
            Condition = statement.Condition is null ? null : BicepWriter.Write(statement.Condition),
            IsExisting = statement.IsExisting,
        };
    }

    /// <summary>
    /// Parameter values as deployed: the parameter file's assignment, else the template default. Secure parameters are
    /// left out entirely, so no secret and no secret's source can end up in a committed file.
    /// </summary>
    private static JsonObject Parameters(BicepFile template, BicepParamFile? parameters)
    {
        var result = new JsonObject();
        foreach (var parameter in template.Statements.OfType<ParameterStatement>().Where(p => !p.IsSecure))
        {
            var assigned = parameters?.Assignments.FirstOrDefault(a => a.Name == parameter.Name)?.Value;
            if ((assigned ?? parameter.DefaultValue) is { } value)
            {
                result.Add(parameter.Name, StateValues.From(value));
            }
        }
        return result;
    }
}
