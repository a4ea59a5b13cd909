namespace Provisioning.Secrets;

/// <summary>What `secrets init` finds, or will do, for one Key Vault secret.</summary>
public enum SecretState
{
    /// <summary>The vault has it: left as it is (never overwritten).</summary>
    Exists,

    /// <summary>Missing: will be created with a fresh random value.</summary>
    Generate,

    /// <summary>Missing: will be created from the environment variable of the same parameter (external or partial).</summary>
    FromVariable,

    /// <summary>Missing, and nothing can make its value: the environment variable is unset. Nothing is created.</summary>
    Missing,
}

/// <summary>One secret of the plan, with the parameter it is made of and, where a value must come from outside, the variable.</summary>
/// <param name="Note">Why, in words an operator can act on; never a value.</param>
public sealed record PlannedSecret(string Name, string Parameter, SecretState State, string? Variable, string Note);

/// <summary>The whole plan: the target, and every secret the environment needs, in catalogue order.</summary>
public sealed record SecretsPlan(SecretsTarget Target, IReadOnlyList<PlannedSecret> Secrets)
{
    public IReadOnlyList<PlannedSecret> ToCreate => [.. Secrets.Where(s => s.State is SecretState.Generate or SecretState.FromVariable)];

    public IReadOnlyList<PlannedSecret> Missing => [.. Secrets.Where(s => s.State == SecretState.Missing)];

    /// <summary>Nothing is created unless every missing secret can be: a half-initialised vault is worse than none.</summary>
    public bool CanApply => Missing.Count == 0;
}

/// <summary>What <see cref="SecretsInitializer.InitializeAsync"/> did: the plan, and the secrets it created (none when the plan could not apply).</summary>
/// <param name="CreatedElsewhere">Secrets another run created between the listing and this run's write; left as they are.</param>
public sealed record SecretsInitResult(SecretsPlan Plan, IReadOnlyList<string> Created, IReadOnlyList<string> CreatedElsewhere)
{
    public bool Succeeded => Plan.CanApply;
}
