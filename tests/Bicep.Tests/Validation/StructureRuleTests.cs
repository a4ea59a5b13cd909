using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Validation;

[TestClass]
public sealed class StructureRuleTests
{
    [TestMethod]
    public void Extra_property_repeating_a_typed_one_is_a_duplicate_key()
    {
        var template = new BicepTemplate();
        template.Add(new TestResource("thing", "Microsoft.Example/things", "2024-01-01", null, Object(Prop("properties", Object())))
        {
            Name = "thing",
            ExtraBody = [Prop("Properties", Object())],
        });

        ValidationAssert.Single(template, "resource 'thing' (Microsoft.Example/things)", "properties",
            "'properties' is set 2 times in one object", "case-insensitive", "drop the extra-properties entry");
    }

    [TestMethod]
    public void Declaration_referring_to_itself_is_rejected()
    {
        var template = new BicepTemplate();
        template.Add(new Variable("loop", Binary(Ref("loop"), BinaryOperator.Add, 1L)));

        ValidationAssert.Single(template, "variable 'loop'", "(whole value)", "refers to 'loop' itself", "refer to another declaration");
    }

    [TestMethod]
    public void Symbol_hiding_a_called_builtin_function_is_rejected()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("resourceGroup", "string"));
        template.Add(new Output("id", "string", ResourceGroup().Member("id")));

        ValidationAssert.Single(template, "parameter 'resourceGroup'", "",
            "hides the built-in function resourceGroup() that this template calls", "rename the declaration");
    }

    [TestMethod]
    public void Array_literal_inside_an_interpolation_hole_is_rejected()
    {
        var template = new BicepTemplate();
        template.Add(new Output("joined", "string", Interpolate("x-", Call("join", Array("a", "b"), ","), "-y")));

        ValidationAssert.Single(template, "output 'joined'", "value",
            "an interpolation hole holds an array or object literal", "declare the array or object as a variable");
    }
}
