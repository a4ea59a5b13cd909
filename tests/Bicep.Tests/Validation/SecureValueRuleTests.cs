using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Validation;

[TestClass]
public sealed class SecureValueRuleTests
{
    private const string FixText = "pass a Key Vault reference instead";

    private static BicepTemplate WithPassword(out Parameter password)
    {
        var template = new BicepTemplate();
        password = template.Add(new Parameter("dbPassword", "string") { IsSecure = true, Description = "Administrator password." });
        return template;
    }

    private static TestResource App(BicepExpression envValue)
    {
        var env = Array(Object(Prop("name", "DB_PASSWORD"), Prop("value", envValue)));
        var container = Object(Prop("name", "api"), Prop("env", env));
        var body = Object(Prop("properties", Object(Prop("template", Object(Prop("containers", Array(container)))))));
        return new("app", "Microsoft.App/containerApps", "2025-01-01", null, body) { Name = "ca-app" };
    }

    [TestMethod]
    public void Secure_parameter_into_an_output_is_rejected()
    {
        var template = WithPassword(out var password);
        template.Add(new Output("leak", "string", password.Reference));

        ValidationAssert.Single(template, "output 'leak'", "value",
            "receives secure parameter 'dbPassword', a secure value, outside a secure sink", FixText, "Bicep.Secure(");
    }

    [TestMethod]
    public void Secure_parameter_into_a_plain_env_value_names_the_property_path()
    {
        var template = WithPassword(out var password);
        template.Add(App(password.Reference));

        ValidationAssert.Single(template, "resource 'app' (Microsoft.App/containerApps)", "properties.template.containers[0].env[0].value",
            "receives secure parameter 'dbPassword'", FixText);
    }

    [TestMethod]
    public void Secure_parameter_through_variables_is_traced_to_its_origin()
    {
        var template = WithPassword(out var password);
        var inner = template.Add(new Variable("credentials", Interpolate("admin:", password.Reference)));
        var outer = template.Add(new Variable("connection", Interpolate("postgres://", inner.Reference, "@db")));
        template.Add(new TestResource("tagged", "Microsoft.Example/things", "2024-01-01", null) { Name = "thing", Tags = Object(Prop("conn", outer.Reference)) });

        ValidationAssert.Single(template, "resource 'tagged' (Microsoft.Example/things)", "tags.conn",
            "receives variable 'connection' (computed from variable 'credentials' (computed from secure parameter 'dbPassword'))", FixText);
    }

    [TestMethod]
    public void Secure_parameter_in_a_name_is_rejected()
    {
        var template = WithPassword(out var password);
        template.Add(new TestResource("thing", "Microsoft.Example/things", "2024-01-01", null) { Name = Interpolate("n-", password.Reference) });

        ValidationAssert.Single(template, "resource 'thing' (Microsoft.Example/things)", "name", "receives secure parameter 'dbPassword'");
    }

    [TestMethod]
    public void ListKeys_result_into_an_output_is_rejected()
    {
        var template = new BicepTemplate();
        var storage = template.Add(TestResource.StorageAccount("storage", "stexample001"));
        template.Add(new Output("key", "string", storage.Reference.CallMember("listKeys").Member("keys").Index(0L).Member("value")));

        ValidationAssert.Single(template, "output 'key'", "value", "receives the result of storage.listKeys()", FixText);
    }

    [TestMethod]
    public void Secure_values_inside_a_secure_sink_are_allowed()
    {
        var template = WithPassword(out var password);
        var connection = template.Add(new Variable("connection", Interpolate("Password=", password.Reference)));
        template.Add(new TestResource("secret", "Microsoft.KeyVault/vaults/secrets", "2024-11-01", null,
            Object(Prop("properties", Object(Prop("value", Secure(connection.Reference))))))
        { Name = "db-connection" });

        _ = template.Build();
    }

    [TestMethod]
    public void Secure_output_may_carry_a_secure_value()
    {
        var template = WithPassword(out var password);
        template.Add(new Output("passOn", "string", password.Reference) { IsSecure = true });

        var file = template.Build();
        Assert.AreEqual("@secure()\noutput passOn string = dbPassword\n", Provisioning.Bicep.Writing.BicepWriter.Write(new BicepFile([file.Statements[1]])));
    }

    [TestMethod]
    public void Plain_parameter_flows_anywhere()
    {
        var template = new BicepTemplate();
        var user = template.Add(new Parameter("adminUser", "string"));
        template.Add(App(user.Reference));
        template.Add(new Output("user", "string", user.Reference));

        _ = template.Build();
    }

    [TestMethod]
    public void Secure_parameter_with_a_literal_default_is_rejected()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("apiKey", "string") { IsSecure = true, DefaultValue = "hunter2" });

        ValidationAssert.Single(template, "parameter 'apiKey'", "default value",
            "must not have a literal default", "remove the default and pass the value in the parameter file");
    }
}
