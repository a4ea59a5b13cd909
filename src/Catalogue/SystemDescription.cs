using System.Collections.Immutable;

namespace Provisioning.Catalogue;

/// <summary>The PostgreSQL database every component shares (one server, one database, one role per component).</summary>
public sealed record DatabaseSpec(string Name, int Port, string AdministratorLogin, string AdministratorPasswordParameter);

/// <summary>
/// A whole system as plain data: its components and their variables, the secure parameters and Key Vault secrets,
/// the probe's checks and how the probe reports. The template builder, the alerts, the generated READMEs, the
/// deployment hooks, the probe and the local stack all read one instance of it (<see cref="TodoSystem.Description"/>);
/// tests build changed copies with <c>with</c>. What depends on an environment's file (which secrets it stores,
/// sizes, settings) is resolved by the generator, which knows the configuration types; this project knows none.
/// </summary>
public sealed record SystemDescription
{
    public required ImmutableArray<ComponentSpec> Components { get; init; }

    public required ImmutableArray<SecureParameterSpec> SecureParameters { get; init; }

    /// <summary>
    /// Secrets made from secure parameters declared elsewhere (a database URL from a password) or a second copy of one
    /// (the migration job's copies of the role passwords). A secret that holds one parameter as it is, is declared on
    /// that parameter (<see cref="SecureParameterSpec.StoredAs"/>).
    /// </summary>
    public ImmutableArray<SecretSpec> ComposedSecrets { get; init; } = [];

    /// <summary>Every Key Vault secret: each parameter's own (in parameter order), then the composed ones.</summary>
    public ImmutableArray<SecretSpec> Secrets =>
    [
        .. SecureParameters.Where(p => p.StoredAs is not null).Select(p => new SecretSpec
        {
            Name = p.StoredAs!.Name,
            Symbol = p.StoredAs.Symbol,
            Content = new ParameterContent(p.Name),
            ContentType = p.StoredAs.ContentType,
        }),
        .. ComposedSecrets,
    ];

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

    public CheckSpec Check(string name) =>
        Checks.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The system has no check '{name}'.");

    /// <summary>Whether the secret exists only while an optional parameter it is made of is non-empty.</summary>
    public bool IsOptional(SecretSpec secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Content.Parameters.Any(p => SecureParameter(p).Optional);
    }

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
        foreach (var check in Checks.Where(c => c.Component is not (CheckComponents.Database or CheckComponents.Platform) && !components.Contains(c.Component)))
        {
            problems.Add($"check '{check.Name}' belongs to '{check.Component}', which is not a component");
        }
        return problems;
    }
}
