using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Validation;

namespace Provisioning.Bicep.Tests.Validation;

[TestClass]
public sealed class IdentifierRuleTests
{
    [TestMethod]
    public void Invalid_identifier_is_named_with_the_allowed_characters()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("1st-name", "string"));

        ValidationAssert.Single(template, "parameter '1st-name'", "",
            "'1st-name' is not a valid Bicep identifier", "use letters, digits and '_'");
    }

    [TestMethod]
    public void Reserved_word_is_rejected()
    {
        var template = new BicepTemplate();
        template.Add(new Variable("param", "x"));
        template.Add(new Output("usesIt", "string", Syntax.Bicep.Ref("param")));

        var problems = ValidationAssert.Problems(template);
        var problem = problems.Single(p => p.Declaration == "variable 'param'");
        Assert.Contains("'param' is a reserved word in Bicep; choose another name", problem.Message);
    }

    [TestMethod]
    public void Duplicate_identifier_names_both_declarations()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("location", "string"));
        template.Add(new Variable("location", "westeurope"));

        ValidationAssert.Single(template, "variable 'location'", "",
            "'location' is declared more than once", "parameter 'location' already uses it", "give each declaration its own name");
    }

    [TestMethod]
    public void Output_may_share_a_name_with_a_resource()
    {
        var template = new BicepTemplate();
        var vault = template.Add(TestResource.KeyVault("vault", "kv-shared-name"));
        template.Add(new Output("vault", "string", vault.Id));

        _ = template.Build();
    }

    [TestMethod]
    public void Reference_to_a_resource_not_in_the_template_names_the_property()
    {
        var template = new BicepTemplate();
        var vault = TestResource.KeyVault("vault", "kv-not-added");
        template.Add(new Output("vaultUri", "string", vault.PropertyReference("vaultUri")));

        ValidationAssert.Single(template, "output 'vaultUri'", "value",
            "refers to 'vault', which is not declared in this template", "add it to the template or fix the reference");
    }

    [TestMethod]
    public void Unknown_reference_deep_in_a_resource_body_gives_the_full_path()
    {
        var template = new BicepTemplate();
        var body = Syntax.Bicep.Object(Syntax.Bicep.Prop("properties", Syntax.Bicep.Object(
            Syntax.Bicep.Prop("items", Syntax.Bicep.Array(Syntax.Bicep.Object(Syntax.Bicep.Prop("value", Syntax.Bicep.Ref("ghost"))))))));
        template.Add(new TestResource("thing", "Microsoft.Example/things", "2024-01-01", null, body) { Name = "thing" });

        ValidationAssert.Single(template, "resource 'thing' (Microsoft.Example/things)", "properties.items[0].value", "refers to 'ghost'");
    }

    [TestMethod]
    public void Exception_message_lists_every_problem()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("bad name", "string"));
        template.Add(new Output("o", "string", Syntax.Bicep.Ref("nowhere")));

        var exception = Assert.ThrowsExactly<BicepValidationException>(() => template.Build());
        Assert.HasCount(2, exception.Problems);
        Assert.Contains("parameter 'bad name': 'bad name' is not a valid Bicep identifier", exception.Message);
        Assert.Contains("output 'o', value: refers to 'nowhere'", exception.Message);
    }
}
