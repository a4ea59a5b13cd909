using System.Globalization;
using System.Text.Json.Nodes;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Syntax.Bicep;
using static Provisioning.Bicep.Tests.State.StateFixtures;

namespace Provisioning.Bicep.Tests.State;

[TestClass]
public sealed class StateFileTests
{
    private static BicepTemplate Sample()
    {
        var template = new BicepTemplate();
        var location = template.Add(new Parameter("location", "string"));
        var secret = template.Add(new Parameter("adminPassword", "string") { IsSecure = true });
        template.Add(Vault with { Location = location.Reference });
        template.Add(Server with { Location = location.Reference, AdministratorLoginPassword = secret.Reference, DelegatedSubnetId = Interpolate("sub-", location.Reference) });
        template.Add(new TestResource("thing", "Microsoft.Example/things", "2024-01-01", null, Object(
            Prop("$schema", "literal key with a dollar"),
            Prop("list", Array(1L, true, Null, Object(Prop("nested", 2.ToString(CultureInfo.InvariantCulture)))))))
        {
            Name = "thing",
            Condition = Binary(location.Reference, BinaryOperator.Equals, "westeurope"),
            ExtraBody = [ObjectProperty.Computed(Interpolate(location.Reference), Object())],
        });
        return template;
    }

    private static BicepParamFile Parameters { get; } = new("main.bicep",
    [
        new ParameterAssignment("location", "westeurope"),
        new ParameterAssignment("adminPassword", Call("readEnvironmentVariable", "ADMIN_PASSWORD")),
    ]);

    private static string Written() => StateFile.Write(DeploymentStates.Create("main.bicep", Sample().Build(), Parameters));

    [TestMethod]
    public void Writing_is_byte_identical_across_runs_and_cultures_and_survives_a_round_trip()
    {
        var first = Written();
        var original = CultureInfo.CurrentCulture;
        string turkish;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            turkish = Written();
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.AreEqual(first, Written());
        Assert.AreEqual(first, turkish);
        Assert.AreEqual(first, StateFile.Write(StateFile.Read(first)), "read then written again must give the same bytes");
        Assert.IsTrue(first.EndsWith("}\n", StringComparison.Ordinal) && !first.Contains('\r', StringComparison.Ordinal));
    }

    [TestMethod]
    public void Literals_are_json_values_and_expressions_their_bicep_text()
    {
        var root = JsonNode.Parse(Written())!.AsObject();
        var resources = root["resources"]!.AsArray();
        var vault = resources[0]!.AsObject();
        var thing = resources[2]!.AsObject();

        Assert.AreEqual("bicep-deployment-state/1", (string?)root["format"]);
        Assert.AreEqual("vault", (string?)vault["symbolicName"]);
        Assert.AreEqual("Microsoft.KeyVault/vaults", (string?)vault["type"]);
        Assert.AreEqual("'kv-guard-test'", (string?)vault["name"], "the name is Bicep text");
        Assert.AreEqual(90, (int?)vault["body"]!["properties"]!["softDeleteRetentionInDays"]);
        Assert.AreEqual("location", (string?)vault["body"]!["location"]!["$bicep"]);
        Assert.AreEqual("subscription().tenantId", (string?)vault["body"]!["properties"]!["tenantId"]!["$bicep"]);
        CollectionAssert.AreEqual(new[] { "location", "properties.softDeleteRetentionInDays", "properties.enablePurgeProtection", "properties.enableSoftDelete" },
            vault["createOnly"]!.AsArray().Select(p => (string?)p).ToArray());
        Assert.AreEqual("one-way", (string?)root["types"]!["Microsoft.KeyVault/vaults"]!["createOnly"]!["properties.enablePurgeProtection"]!["rule"]);
        Assert.AreEqual("location == 'westeurope'", (string?)thing["condition"]);
        Assert.AreEqual("literal key with a dollar", (string?)thing["body"]!["$$schema"], "a literal key starting with $ is escaped");
        Assert.IsNotNull(thing["body"]!["$'${location}'"], "a computed key is written as $ + its Bicep text");
        Assert.AreEqual("[1,true,null,{\"nested\":\"2\"}]", thing["body"]!["list"]!.ToJsonString());
    }

    [TestMethod]
    public void Parameters_hold_the_parameter_files_values_and_never_a_secure_parameter()
    {
        var text = Written();
        var parameters = JsonNode.Parse(text)!["parameters"]!.AsObject();

        Assert.AreEqual("westeurope", (string?)parameters["location"]);
        Assert.IsFalse(parameters.ContainsKey("adminPassword"));
        Assert.IsFalse(text.Contains("ADMIN_PASSWORD", StringComparison.Ordinal), "not even where a secret comes from");
        StringAssert.Contains(text, "\"$bicep\": \"adminPassword\"", "the password property refers to the parameter by name only");
    }

    [TestMethod]
    public void Labels_are_written_sorted_read_back_and_optional()
    {
        var labeled = StateFile.Write(DeploymentStates.Create("main.bicep", Sample().Build(), Parameters, [KeyValuePair.Create("tier", "production"), KeyValuePair.Create("owner", "platform")]));
        var root = JsonNode.Parse(labeled)!.AsObject();

        CollectionAssert.AreEqual(new[] { "owner", "tier" }, root["labels"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.AreEqual("production", StateFile.Read(labeled).Labels["tier"]);
        Assert.IsNull(JsonNode.Parse(Written())!["labels"], "no labels, no key: states without labels read and write as before");
        Assert.IsTrue(StateFile.Read(Written()).Labels.IsEmpty);
    }

    [TestMethod]
    public void Unreadable_state_is_a_format_error_naming_what_is_wrong()
    {
        Assert.ThrowsExactly<FormatException>(() => StateFile.Read("not json"));
        var wrongFormat = Assert.ThrowsExactly<FormatException>(() => StateFile.Read("{\"format\":\"other/9\"}"));
        StringAssert.Contains(wrongFormat.Message, "other/9");
    }
}
