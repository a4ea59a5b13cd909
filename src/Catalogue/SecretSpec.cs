
namespace Provisioning.Catalogue;

/// <summary>
/// A secret value of the environment: it lives only in Key Vault, where `secrets init` creates it (from the
/// environment variable <see cref="Variable"/> for an external one) and a deployment reads it by reference only.
/// </summary>
public sealed record SecureParameterSpec
{
    /// <summary>The Bicep parameter, e.g. <c>jwtSecretKey</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The variable name of the value, e.g. <c>JWT_SECRET_KEY</c>: `secrets init` reads it for an external credential
    /// (or to complete a group whose other secrets exist), and `secrets` prints under it. No deployment reads it.
    /// </summary>
    public required string Variable { get; init; }

    public required string Description { get; init; }

    public int MinLength { get; init; } = 1;

    public int? MaxLength { get; init; }

    /// <summary>
    /// May be left unset at deployment: the parameter defaults to empty and everything fed by it (its Key Vault
    /// secret, the variables and role assignments that read it) exists only while it is non-empty.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>
    /// A credential someone else issues (an OpenAI API key): nothing here can make a value for it, so the
    /// <c>secrets</c> command asks for it instead of generating one.
    /// </summary>
    public bool External { get; init; }

    /// <summary>
    /// For an optional parameter: the plain bool parameter that says whether it is set, which the conditions use.
    /// Deployment-time tools (bicep snapshot, what-if) do not evaluate secure values, so a condition on the secret
    /// itself would be opaque to them; the flag reveals only presence.
    /// </summary>
    public string PresenceParameter => "has" + char.ToUpperInvariant(Name[0]) + Name[1..];

    /// <summary>
    /// For an optional parameter: the deployment's environment variable behind <see cref="PresenceParameter"/>,
    /// <c>true</c> while the vault holds the secret (a rotation window). A flag, never the value: no deployment
    /// carries a secret value.
    /// </summary>
    public string PresenceVariable => "HAS_" + Variable;

    /// <summary>
    /// The Key Vault secret that holds this value as it is, declared with the parameter, so a secret is one entry
    /// (<see cref="SystemDescription.Secrets"/> lists it first); null when the value only feeds other secrets
    /// (<see cref="SystemDescription.ComposedSecrets"/>, e.g. a database URL).
    /// </summary>
    public VaultSecret? StoredAs { get; init; }

    /// <summary>
    /// Declared only in environments whose file turns this boolean setting on (one of <see cref="ConfigurationSettings"/>);
    /// null for always.
    /// </summary>
    public string? When { get; init; }
}

/// <summary>The Key Vault secret a secure parameter is stored as: its name in the vault, its Bicep symbol, its content type.</summary>
public sealed record VaultSecret(string Name, string Symbol, string? ContentType = null);

/// <summary>What a Key Vault secret holds.</summary>
public abstract record SecretContent
{
    /// <summary>The secure parameters the content is made of.</summary>
    public abstract IReadOnlyList<string> Parameters { get; }
}

/// <summary>The value of one secure parameter as it is.</summary>
public sealed record ParameterContent(string Parameter) : SecretContent
{
    public override IReadOnlyList<string> Parameters => [Parameter];
}

/// <summary>
/// A <c>postgresql://login:password@server:5432/todo?sslmode=require</c> URL (docs/contract.md) for one database
/// role; the password is percent-encoded, so any character is safe in it.
/// </summary>
public sealed record DatabaseUrlContent(string Login, string PasswordParameter) : SecretContent
{
    public override IReadOnlyList<string> Parameters => [PasswordParameter];

    /// <summary>
    /// The password parameter of the login's second login (<see cref="TodoSystem.AlternateLoginSuffix"/>), for a role
    /// a long-running component connects as: a rotation moves the URL to the login not in use, so every replica keeps a
    /// valid password. Null for a role only the migration job uses (it rotates in place).
    /// </summary>
    public string? AlternatePasswordParameter { get; init; }
}

/// <summary>A Key Vault secret of the environment.</summary>
public sealed record SecretSpec
{
    /// <summary>The secret's name in the vault (lowercase and hyphens), e.g. <c>jwt-secret-key</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its Bicep symbol; role assignments scoped to the secret are named after it.</summary>
    public required string Symbol { get; init; }

    public required SecretContent Content { get; init; }

    public string? ContentType { get; init; }
}
