using CsCheck;
using Npgsql;
using Provisioning.Database.Configuration;

namespace Provisioning.Database.Tests;

[TestClass]
public sealed class DatabaseUrlTests
{
    [TestMethod]
    public void Url_form_of_the_contract_is_parsed_with_percent_decoding()
    {
        var url = DatabaseUrl.Parse("postgresql://todo%40srv:p%40ss%2Fw%3Ard@srv.postgres.database.azure.com:5432/todo?sslmode=require");

        var builder = url.CreateBuilder();
        Assert.AreEqual("srv.postgres.database.azure.com", builder.Host);
        Assert.AreEqual(5432, builder.Port);
        Assert.AreEqual("todo", builder.Database);
        Assert.AreEqual("todo@srv", builder.Username);
        Assert.AreEqual("p@ss/w:rd", builder.Password);
        Assert.AreEqual(SslMode.Require, builder.SslMode);
        Assert.AreEqual("todo@srv@srv.postgres.database.azure.com:5432/todo (sslmode=Require, password set)", url.Redacted);
        Assert.AreEqual(url.Redacted, url.ToString());
    }

    [TestMethod]
    public void Port_defaults_to_5432_and_postgres_scheme_is_accepted()
    {
        var url = DatabaseUrl.Parse("postgres://app@db/todo");

        Assert.AreEqual(5432, url.Port);
        Assert.IsFalse(url.HasPassword);
    }

    [TestMethod]
    public void Keyword_form_is_accepted()
    {
        var url = DatabaseUrl.Parse("Host=db;Port=6432;Database=todo;Username=app;Password=secret;SSL Mode=Require");

        Assert.AreEqual("app@db:6432/todo (sslmode=Require, password set)", url.Redacted);
        Assert.AreEqual("secret", url.CreateBuilder().Password);
    }

    [TestMethod]
    [DataRow(null, "DATABASE_URL is not set")]
    [DataRow("  ", "DATABASE_URL is not set")]
    [DataRow("postgresql:///todo", "DATABASE_URL has no host")]
    [DataRow("Database=todo", "DATABASE_URL has no host")]
    [DataRow("postgresql://a:b@db/todo/extra", "DATABASE_URL has a path with more than one segment")]
    [DataRow("postgresql://a:b@db/todo?sslmod=require", "DATABASE_URL has the unsupported parameter 'sslmod'")]
    [DataRow("postgresql://a:b@c@db/todo", "DATABASE_URL is not a valid URL")]
    [DataRow("postgresql://a:100%@db/todo", "DATABASE_URL is not a valid URL")]
    [DataRow("postgresql://a:b@db:99999/todo", "DATABASE_URL is not a valid URL")]
    public void Malformed_values_give_one_line_naming_the_variable_and_the_form(string? value, string expected)
    {
        var e = Assert.ThrowsExactly<DatabaseUrlException>(() => DatabaseUrl.Parse(value));

        StringAssert.StartsWith(e.Message, expected);
        StringAssert.Contains(e.Message, DatabaseUrl.ExpectedForm);
        Assert.IsFalse(e.Message.Contains('\n', StringComparison.Ordinal));
    }

    [TestMethod]
    public void Any_password_round_trips_through_percent_encoding_and_never_appears_in_the_display()
    {
        Gen.String[Gen.Char, 8, 40].Sample(password =>
        {
            var url = DatabaseUrl.Parse($"postgresql://app:{Uri.EscapeDataString(password)}@db.example.com/todo?sslmode=require");

            Assert.AreEqual(password, url.CreateBuilder().Password);
            Assert.IsFalse(url.Redacted.Contains(password, StringComparison.Ordinal));
        });
    }
}
