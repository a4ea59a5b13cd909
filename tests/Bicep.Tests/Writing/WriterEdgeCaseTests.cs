using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Writing;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>Printer cases that need no compiler to judge: precedence around postfix targets, segment joins, parameter files.</summary>
[TestClass]
public sealed class WriterEdgeCaseTests
{
    [TestMethod]
    public void Unary_target_of_member_access_is_parenthesised()
    {
        Assert.AreEqual("(!x).y", BicepWriter.Write(Not(Ref("x")).Member("y")));
        Assert.AreEqual("!x.y", BicepWriter.Write(Not(Ref("x").Member("y"))));
    }

    [TestMethod]
    public void Operator_targets_of_index_and_instance_calls_are_parenthesised()
    {
        Assert.AreEqual("(a ?? b)[0]", BicepWriter.Write(Binary(Ref("a"), BinaryOperator.Coalesce, Ref("b")).Index(0L)));
        Assert.AreEqual("(c ? a : b).listKeys()", BicepWriter.Write(If(Ref("c"), Ref("a"), Ref("b")).CallMember("listKeys")));
    }

    [TestMethod]
    public void Dollar_ending_one_text_segment_and_brace_starting_the_next_do_not_open_an_interpolation()
    {
        var text = BicepWriter.Write(Interpolate("cost: $", "{five}", Ref("x")));
        Assert.AreEqual("'cost: \\${five}${x}'", text);
    }

    [TestMethod]
    public void An_interpolated_string_or_literal_inside_an_interpolation_reads_as_one_string()
    {
        var name = Interpolate("psql-", Call("uniqueString", Ref("seed")));
        Assert.AreEqual("'psql-${uniqueString(seed)}.host:${port}'", BicepWriter.Write(Interpolate(name, ".host", ":", Ref("port"))));
        Assert.AreEqual("'a-b-${x}'", BicepWriter.Write(Interpolate((BicepExpression)new StringLiteral("a-"), "b-", Ref("x"))));
        // The splice keeps escaping: a literal "${" stays text.
        Assert.AreEqual("'\\${x}-${y}'", BicepWriter.Write(Interpolate((BicepExpression)new StringLiteral("${x}-"), Ref("y"))));
    }

    [TestMethod]
    public void Secure_sink_prints_its_inner_expression()
    {
        Assert.AreEqual("password", BicepWriter.Write(Secure(Ref("password"))));
    }

    [TestMethod]
    public void Parameter_file_has_using_line_and_one_assignment_per_paragraph()
    {
        var file = new BicepParamFile("main.bicep",
        [
            new ParameterAssignment("environmentName", "dev"),
            new ParameterAssignment("replicas", 2L),
            new ParameterAssignment("adminPassword", Call("readEnvironmentVariable", "ADMIN_PASSWORD")),
        ]);

        Assert.AreEqual("""
            using 'main.bicep'

            param environmentName = 'dev'

            param replicas = 2

            param adminPassword = readEnvironmentVariable('ADMIN_PASSWORD')

            """, BicepWriter.Write(file));
    }

    [TestMethod]
    public void Disabled_linter_rules_print_after_decorators_just_above_the_declaration()
    {
        var statement = new OutputStatement("x", "string", "y")
        {
            Decorators = [Decorator.Description("d")],
            DisabledLinterRules = ["use-recent-api-versions"],
        };

        Assert.AreEqual("@description('d')\n#disable-next-line use-recent-api-versions\noutput x string = 'y'\n", BicepWriter.Write(new BicepFile([statement])));
    }

    [TestMethod]
    public void Unknown_expression_types_are_refused_not_guessed()
    {
        Assert.ThrowsExactly<NotSupportedException>(() => BicepWriter.Write(new UnknownExpression()));
    }

    private sealed record UnknownExpression : BicepExpression;
}
