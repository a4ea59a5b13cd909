using System.Text.RegularExpressions;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Tests;

/// <summary>
/// Azure's rules for a few types, written here from the Azure docs so core tests do not depend on the typed
/// resources (which live in another part of the code base).
/// </summary>
internal static partial class TestRules
{
    public static NamingRule Storage { get; } = new(3, 24, StoragePattern(), "lowercase letters and digits only", NameUniquenessScope.Global);

    public static NamingRule KeyVault { get; } = new(3, 24, KeyVaultPattern(),
        "letters, digits and '-'; start with a letter, end with a letter or digit, no '--'", NameUniquenessScope.Global);

    public static NamingRule ContainerApp { get; } = new(2, 32, ContainerAppPattern(),
        "lowercase letters, digits and '-'; start with a letter, end with a letter or digit, no '--'", NameUniquenessScope.ResourceGroup);

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex StoragePattern();

    [GeneratedRegex("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$")]
    private static partial Regex KeyVaultPattern();

    [GeneratedRegex("^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$")]
    private static partial Regex ContainerAppPattern();
}

/// <summary>A minimal typed resource: a fixed type and api-version, a naming rule, and a body from the test.</summary>
internal sealed record TestResource(string Identifier, string Type, string Version, NamingRule? Rule, ObjectExpression? Body = null) : Resource(Identifier)
{
    public override string ResourceType => Type;

    public override string ApiVersion => Version;

    public override NamingRule? NamingRule => Rule;

    protected override void WriteBody(BicepObjectBuilder body) => body.AddRange((Body ?? ObjectExpression.Empty).Properties);

    public static TestResource StorageAccount(string identifier, BicepValue<string> name) =>
        new(identifier, "Microsoft.Storage/storageAccounts", "2026-06-01", TestRules.Storage) { Name = name };

    public static TestResource KeyVault(string identifier, BicepValue<string> name) =>
        new(identifier, "Microsoft.KeyVault/vaults", "2026-05-15", TestRules.KeyVault) { Name = name };
}
