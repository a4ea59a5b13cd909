using Provisioning.Probes.Platform;
using System.Collections.Immutable;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Model;

/// <summary>The PostgreSQL database every component shares (one server, one database, one role per component).</summary>
public sealed record DatabaseSpec(string Name, int Port, string AdministratorLogin, string AdministratorPasswordParameter);

/// <summary>
/// A whole system as plain data: its components and their variables, the secure parameters and Key Vault secrets,
/// the probe's checks and how the probe reports. The template builder, the alerts, the generated READMEs and the
/// deployment hooks all read one instance of it (<see cref="TodoSystem.Description"/>); tests build changed copies
/// with <c>with</c>.
/// </summary>
public sealed record SystemDescription
{
    public required ImmutableArray<ComponentSpec> Components { get; init; }

    public required ImmutableArray<SecureParameterSpec> SecureParameters { get; init; }

    public required ImmutableArray<SecretSpec> Secrets { get; init; }

    public required ImmutableArray<CheckSpec> Checks { get; init; }

    public required DatabaseSpec Database { get; init; }

    /// <summary>cloud_RoleName of the probe's telemetry: the alert queries filter on it and the probe app sets it.</summary>
    public required string ProbeRoleName { get; init; }

    public ComponentSpec Component(string name) =>
        Components.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The system has no component '{name}'.");

    public SecretSpec Secret(string name) =>
        Secrets.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"The system has no secret '{name}'.");

    public SecureParameterSpec SecureParameter(string name) =>
        SecureParameters.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"The system has no secure parameter '{name}'.");

    /// <summary>The secure parameters this environment declares.</summary>
    public IReadOnlyList<SecureParameterSpec> SecureParametersFor(EnvironmentConfiguration configuration) =>
        [.. SecureParameters.Where(p => p.AppliesTo(configuration))];

    /// <summary>The secrets this environment stores: those whose every parameter it declares.</summary>
    public IReadOnlyList<SecretSpec> SecretsFor(EnvironmentConfiguration configuration) =>
        [.. Secrets.Where(s => s.Content.Parameters.All(p => SecureParameter(p).AppliesTo(configuration)))];

    /// <summary>Whether the secret exists only while an optional parameter it is made of is non-empty.</summary>
    public bool IsOptional(SecretSpec secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Content.Parameters.Any(p => SecureParameter(p).Optional);
    }

    /// <summary>
    /// The variables <paramref name="component"/> gets in this environment: those its <c>When</c> allows, and of the
    /// secret ones only those whose secret the environment stores.
    /// </summary>
    public IReadOnlyList<VariableSpec> VariablesFor(ComponentSpec component, EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(component);
        var secrets = SecretsFor(configuration).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return [.. component.VariablesFor(configuration).Where(v => v.Source is not SecretValue s || secrets.Contains(s.Secret))];
    }

    /// <summary>Who reads <paramref name="secret"/> in this environment, and under which variable name.</summary>
    public IReadOnlyList<(ComponentSpec Component, VariableSpec Variable)> Readers(SecretSpec secret, EnvironmentConfiguration configuration) =>
        [.. Components.SelectMany(c => VariablesFor(c, configuration)
            .Where(v => v.Source is SecretValue s && s.Secret == secret.Name)
            .Select(v => (c, v)))];

    /// <summary>Every reference in the description points at something it declares; the problems, empty when consistent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var components = Components.Select(c => c.Name).ToList();
        problems.AddRange(components.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"component '{g.Key}' is declared twice"));
        foreach (var component in Components)
        {
            problems.AddRange(component.Variables.GroupBy(v => v.Name).Where(g => g.Count() > 1).Select(g => $"{component.Name}: variable {g.Key} is declared twice"));
            foreach (var variable in component.Variables)
            {
                switch (variable.Source)
                {
                    case SecretValue s when Secrets.All(x => x.Name != s.Secret):
                        problems.Add($"{component.Name}: {variable.Name} reads secret '{s.Secret}', which is not declared");
                        break;
                    case ComponentUrl u when Components.FirstOrDefault(c => c.Name == u.Component) is not { Ingress: not IngressKind.None }:
                        problems.Add($"{component.Name}: {variable.Name} is the URL of '{u.Component}', which is not a component with ingress");
                        break;
                }
            }
            if (component.Kind == WorkloadKind.Job && component.Job is null)
            {
                problems.Add($"{component.Name}: a job needs its time budget (Job)");
            }
            if (component.Kind != WorkloadKind.Job && (component.Port is null || component.Health is null || component.Ingress == IngressKind.None))
            {
                problems.Add($"{component.Name}: an app needs a port, ingress and health probes");
            }
        }
        foreach (var secret in Secrets)
        {
            problems.AddRange(secret.Content.Parameters.Where(p => SecureParameters.All(x => x.Name != p))
                .Select(p => $"secret '{secret.Name}' is made of parameter '{p}', which is not declared"));
        }
        foreach (var (component, variable) in Components.SelectMany(c => c.Variables.Select(v => (c, v))))
        {
            if (variable.Source is WorkloadNames names)
            {
                problems.AddRange(names.Components.Where(n => !components.Contains(n))
                    .Select(n => $"{component.Name}: {variable.Name} names the workload of '{n}', which is not a component"));
            }
        }
        foreach (var check in Checks.Where(c => c.Component is not ("database" or PlatformCheckNames.Component) && !components.Contains(c.Component)))
        {
            problems.Add($"check '{check.Name}' belongs to '{check.Component}', which is not a component");
        }
        return problems;
    }
}
