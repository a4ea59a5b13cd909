using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Local;

/// <summary>
/// The local renderer of the system model: each component gets exactly the variables <see cref="TodoSystem"/>
/// declares for it (the same list the Bicep renderer turns into container env), with every value source mapped onto
/// this machine instead of Azure: another component's URL becomes its loopback address, a Key Vault secret becomes
/// what that secret would hold (rendered from its <see cref="SecretSpec.Content"/> with this run's values), a
/// setting of the environment file is read from the rendered environment. Local and Azure wiring cannot drift,
/// because neither restates the table.
/// </summary>
public static class LocalComponentVariables
{
    public static SystemDescription System => TodoSystem.Description;

    public static IReadOnlyList<string> Components { get; } = [.. System.Components.Select(c => c.Name)];

    /// <summary>Every variable name any component may get: a child process starts with none of them inherited.</summary>
    public static IReadOnlyList<string> AllNames { get; } =
        [.. System.Components.SelectMany(c => c.Variables).Select(v => v.Name).Distinct(StringComparer.Ordinal)];

    /// <param name="resolve">Reads a secret reference for the component instead of rendering it from <paramref name="secrets"/> (a rotation's vault).</param>
    public static IReadOnlyDictionary<string, string> For(
        string component, EnvironmentConfiguration configuration, LocalEndpoints endpoints, LocalSecrets secrets, Func<string, SecretValue, string?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(secrets);
        if (!Components.Contains(component, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(component), component, $"known components: {string.Join(", ", Components)}");
        }
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in System.VariablesFor(System.Component(component), configuration))
        {
            var value = variable.Source switch
            {
                LiteralValue literal => literal.Value,
                ConfigurationValue setting => setting.Read(configuration),
                ComponentUrl url => endpoints.UrlOf(url.Component, url.Path),
                SecretValue secret => resolve is null ? SecretValueOf(System.Secret(secret.Secret), endpoints, secrets) : resolve(component, secret),
                // Azure plumbing (the Functions host's storage, Application Insights, the identity's client id) has no
                // local counterpart and is not part of the contract between the components.
                PlatformValue or WorkloadNames => null,
                _ => throw new NotSupportedException($"{component}.{variable.Name}: no local rendering of {variable.Source.GetType().Name}"),
            };
            // An optional secret (JWT_SECRET_KEY_PREVIOUS outside a rotation window) is absent, as in Azure.
            if (!string.IsNullOrEmpty(value))
            {
                variables[variable.Name] = value;
            }
        }
        return variables;
    }

    private static string? SecretValueOf(SecretSpec secret, LocalEndpoints endpoints, LocalSecrets secrets) => secret.Content switch
    {
        ParameterContent parameter => secrets.ParameterValue(parameter.Parameter),
        DatabaseUrlContent url when url.Login == System.Database.AdministratorLogin => endpoints.DatabaseAdminUrl,
        DatabaseUrlContent url => secrets.ParameterValue(url.PasswordParameter) is { } password
            ? endpoints.DatabaseUrl(url.Login, password)
            : null,
        _ => throw new NotSupportedException($"secret {secret.Name}: no local rendering of {secret.Content.GetType().Name}"),
    };
}
