using Provisioning.Bicep.Model;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Tests.State.StateFixtures;

namespace Provisioning.Bicep.Tests.State;

/// <summary>
/// Every create-only property the typed resources declare, changed on an existing resource: the guard reports exactly
/// that property with the old and new value, the reason and the documentation source.
/// </summary>
[TestClass]
public sealed class CreateOnlyGuardTests
{
    public static IEnumerable<object[]> Refused() =>
    [
        ["location (any resource)", Vault, Vault with { Location = "northeurope" }, "location", "\"westeurope\"", "\"northeurope\""],
        ["Key Vault soft-delete retention", Vault, Vault with { SoftDeleteRetentionInDays = 30 }, "properties.softDeleteRetentionInDays", "90", "30"],
        ["Key Vault purge protection true → false", Vault with { EnablePurgeProtection = true }, Vault, "properties.enablePurgeProtection", "true", "false"],
        ["Key Vault soft delete true → false", Vault, Vault with { EnableSoftDelete = false }, "properties.enableSoftDelete", "true", "false"],
        ["PostgreSQL administrator login", Server, Server with { AdministratorLogin = "otheradmin" }, "properties.administratorLogin", "\"pgadmin\"", "\"otheradmin\""],
        ["PostgreSQL storage shrink", Server, Server with { StorageSizeGb = 32 }, "properties.storage.storageSizeGB", "64", "32"],
        ["PostgreSQL geo-redundant backup", Server, Server with { GeoRedundantBackup = "Enabled" }, "properties.backup.geoRedundantBackup", "\"Disabled\"", "\"Enabled\""],
        ["PostgreSQL VNet integration", Server, Server with { DelegatedSubnetId = SubnetId.Reference }, "properties.network.delegatedSubnetResourceId", "(not set)", "subnetId"],
        ["Container Apps environment VNet", AppsEnvironment, AppsEnvironment with { InfrastructureSubnetId = SubnetId.Reference }, "properties.vnetConfiguration.infrastructureSubnetId", "(not set)", "subnetId"],
        ["Container Apps environment internal", AppsEnvironment with { InfrastructureSubnetId = SubnetId.Reference }, AppsEnvironment with { InfrastructureSubnetId = SubnetId.Reference, Internal = true }, "properties.vnetConfiguration.internal", "false", "true"],
        ["Container Apps environment zone redundancy", AppsEnvironment, AppsEnvironment with { ZoneRedundant = true }, "properties.zoneRedundant", "false", "true"],
        ["storage account kind", Storage, Storage with { Kind = "BlockBlobStorage" }, "kind", "\"StorageV2\"", "\"BlockBlobStorage\""],
        ["storage account performance tier", Storage, Storage with { SkuName = "Premium_LRS" }, "sku.name", "\"Standard_LRS\"", "\"Premium_LRS\""],
        ["role assignment principal", Grant, Grant with { PrincipalId = "22222222-2222-2222-2222-222222222222" }, "properties.principalId", "\"11111111-1111-1111-1111-111111111111\"", "\"22222222-2222-2222-2222-222222222222\""],
    ];

    public static IEnumerable<object[]> Allowed() =>
    [
        ["Key Vault purge protection false → true", Vault, Vault with { EnablePurgeProtection = true }],
        ["storage kind Storage → StorageV2 (upgrade)", Storage with { Kind = "Storage" }, Storage],
        ["storage redundancy LRS → ZRS", Storage, Storage with { SkuName = "Standard_ZRS" }],
        ["PostgreSQL storage growth", Server, Server with { StorageSizeGb = 128 }],
        ["default stated explicitly (zoneRedundant false)", AppsEnvironment, AppsEnvironment with { ZoneRedundant = false }],
        ["ordinary property (Key Vault public network access)", Vault, Vault with { PublicNetworkAccess = "Disabled" }],
        ["new name: a new resource, not a change", Vault, Vault with { Name = "kv-guard-test2", SoftDeleteRetentionInDays = 30 }],
    ];

    public static string CaseName(System.Reflection.MethodInfo method, object[] data) => (string)data[0];

    [TestMethod]
    [DynamicData(nameof(Refused), DynamicDataDisplayName = nameof(CaseName))]
    public void Change_to_a_create_only_property_is_refused_with_old_and_new_value(string name, Resource before, Resource after, string path, string oldValue, string newValue)
    {
        var violations = CreateOnlyGuard.Check(StateOf(before), StateOf(after));

        var violation = violations.SingleOrDefault();
        Assert.IsNotNull(violation, $"{name}: expected one violation, got {violations.Length}: {string.Join("; ", violations.Select(v => v.Property.Path))}");
        Assert.AreEqual(path, violation.Property.Path, name);
        Assert.AreEqual(before.Identifier, violation.SymbolicName, name);
        Assert.AreEqual(oldValue, violation.Before, name);
        Assert.AreEqual(newValue, violation.After, name);
        Assert.AreEqual(before.ResourceType, violation.Resource.Type, name);
        Assert.AreEqual(StateOf(before).Resources.Single().Name, violation.Resource.Names, name);
        Assert.IsTrue(violation.Property.Reason.Length > 20, $"{name}: no reason");
        Assert.IsTrue(violation.Property.Source.Contains("Learn", StringComparison.Ordinal) || violation.Property.Source.Contains("Azure.", StringComparison.Ordinal), $"{name}: no documentation source: {violation.Property.Source}");
        Assert.IsFalse(string.IsNullOrWhiteSpace(violation.RecreateConsequence), name);
    }

    [TestMethod]
    [DynamicData(nameof(Allowed), DynamicDataDisplayName = nameof(CaseName))]
    public void Change_azure_accepts_is_not_refused(string name, Resource before, Resource after)
    {
        var violations = CreateOnlyGuard.Check(StateOf(before), StateOf(after));

        Assert.AreEqual(0, violations.Length, $"{name}: {string.Join("; ", violations.Select(v => $"{v.Property.Path}: {v.Before} → {v.After}"))}");
    }

    [TestMethod]
    public void Every_declared_create_only_property_has_a_refusal_case()
    {
        var declared = new Resource[] { Vault, Server, AppsEnvironment, Storage, Grant }
            .SelectMany(r => r.ToStatement().CreateOnlyProperties.Select(p => p.Path))
            .ToHashSet(StringComparer.Ordinal);
        var tested = Refused().Select(c => (string)c[3]).ToHashSet(StringComparer.Ordinal);

        CollectionAssert.AreEquivalent(declared.Order(StringComparer.Ordinal).ToList(), tested.Order(StringComparer.Ordinal).ToList());
        Assert.IsTrue(declared.Count >= 8, $"only {declared.Count} create-only properties are declared");
    }

    [TestMethod]
    public void Unchanged_resources_and_a_first_generation_are_never_refused()
    {
        var state = StateOf([Vault, Server, AppsEnvironment, Storage, Grant], null, SubnetId);

        Assert.AreEqual(0, CreateOnlyGuard.Check(state, state).Length);
        Assert.AreEqual(0, CreateOnlyGuard.Check(null, state).Length);
    }

    [TestMethod]
    public void Location_given_by_a_parameter_is_compared_by_the_parameter_files_value()
    {
        var location = new Parameter("location", "string");
        var vault = Vault with { Location = location.Reference };
        BicepParamFile Region(string region) => new("main.bicep", [new ParameterAssignment("location", region)]);

        var same = CreateOnlyGuard.Check(StateOf([vault], Region("westeurope"), location), StateOf([vault], Region("westeurope"), location));
        var moved = CreateOnlyGuard.Check(StateOf([vault], Region("westeurope"), location), StateOf([vault], Region("northeurope"), location));

        Assert.AreEqual(0, same.Length);
        Assert.AreEqual("location", moved.Single().Property.Path);
        Assert.AreEqual("\"westeurope\"", moved.Single().Before);
        Assert.AreEqual("\"northeurope\"", moved.Single().After);
    }

    [TestMethod]
    public void Existing_references_are_never_guarded()
    {
        var before = StateOf([Vault with { IsExisting = true }], null);
        var after = StateOf([Vault with { IsExisting = true, Location = "northeurope" }], null);

        Assert.AreEqual(0, CreateOnlyGuard.Check(before, after).Length);
    }

    [TestMethod]
    public void A_child_resource_is_identified_under_its_parent()
    {
        var database = new Provisioning.Bicep.Resources.PostgreSql.PostgreSqlDatabase("db") { Parent = Server, Name = "app" };
        var otherServer = Server with { Name = "psql-guard-other", AdministratorLogin = "otheradmin" };
        var movedDatabase = database with { Parent = otherServer };

        var before = StateOf([Server, database], null);
        var after = StateOf([otherServer, movedDatabase], null);

        Assert.AreNotEqual(before.Identity(before.Resources[1]), after.Identity(after.Resources[1]));
        Assert.AreEqual(0, CreateOnlyGuard.Check(before, after).Length, "another server is a new server, not a changed login");
    }
}
