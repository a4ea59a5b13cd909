using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Validation;

[TestClass]
public sealed class NamingRuleCheckTests
{
    private const string Storage = "resource 'storage' (Microsoft.Storage/storageAccounts)";
    private const string Vault = "resource 'vault' (Microsoft.KeyVault/vaults)";
    private const string FixText = "build the name with ResourceNames";

    private static BicepTemplate With(Resource resource)
    {
        var template = new BicepTemplate();
        template.Add(resource);
        return template;
    }

    [TestMethod]
    public void Literal_name_too_long()
    {
        ValidationAssert.Single(With(TestResource.StorageAccount("storage", "stthisnameismuchtoolong12")), Storage, "name",
            "name 'stthisnameismuchtoolong12' is 25 characters long, too long",
            "Microsoft.Storage/storageAccounts names must be 3 to 24 characters (lowercase letters and digits only)", FixText);
    }

    [TestMethod]
    public void Literal_name_too_short()
    {
        ValidationAssert.Single(With(TestResource.KeyVault("vault", "kv")), Vault, "name",
            "name 'kv' is 2 characters long, too short", "must be 3 to 24 characters", FixText);
    }

    [TestMethod]
    public void Literal_name_with_bad_characters_lists_them()
    {
        ValidationAssert.Single(With(TestResource.StorageAccount("storage", "st-Todo_dev")), Storage, "name",
            "name 'st-Todo_dev' contains '-', 'T', '_', not allowed", "lowercase letters and digits only", FixText);
    }

    [TestMethod]
    public void Literal_name_breaking_the_pattern_elsewhere_quotes_the_description()
    {
        ValidationAssert.Single(With(TestResource.KeyVault("vault", "1kv-todo")), Vault, "name",
            "name '1kv-todo' does not match the rule", "start with a letter", FixText);
    }

    [TestMethod]
    public void UniqueString_counts_13_characters_so_24_fits()
    {
        var name = Interpolate("kv-todoapp-", UniqueString(ResourceGroup().Member("id")));
        _ = With(TestResource.KeyVault("vault", name)).Build();
    }

    [TestMethod]
    public void UniqueString_estimate_over_the_limit_is_rejected()
    {
        var name = Interpolate("kv-todoapp-p-", UniqueString(ResourceGroup().Member("id")));
        ValidationAssert.Single(With(TestResource.KeyVault("vault", name)), Vault, "name",
            "name 'kv-todoapp-p-${uniqueString(resourceGroup().id)}' is 26 characters long (13 literal + 13 per uniqueString()), too long",
            "must be 3 to 24 characters", FixText);
    }

    [TestMethod]
    public void UniqueString_at_the_start_may_begin_with_a_digit()
    {
        var name = Interpolate(UniqueString(ResourceGroup().Member("id")), "kv");
        ValidationAssert.Single(With(TestResource.KeyVault("vault", name)), Vault, "name",
            "does not match the rule (for example '0abcdefghij12kv', since uniqueString() may start or end with a digit)", "start with a letter");
    }

    [TestMethod]
    public void Unknown_parts_are_skipped_but_literal_text_still_counts()
    {
        var name = Interpolate("st", Ref("prefix"), "-", UniqueString(ResourceGroup().Member("id")));
        var template = new BicepTemplate();
        template.Add(new Parameter("prefix", "string"));
        template.Add(TestResource.StorageAccount("storage", name));

        ValidationAssert.Single(template, Storage, "name",
            "name 'st${prefix}-${uniqueString(resourceGroup().id)}' contains '-', not allowed", "lowercase letters and digits only");
    }

    [TestMethod]
    public void Unknown_parts_never_fail_the_length_check_alone()
    {
        var template = new BicepTemplate();
        template.Add(new Parameter("storageName", "string"));
        template.Add(TestResource.StorageAccount("storage", Ref("storageName")));

        _ = template.Build();
    }

    [TestMethod]
    public void Literal_text_with_unknown_parts_over_the_limit_is_rejected()
    {
        var name = Interpolate("stverylongprefix", Ref("suffix"), UniqueString(ResourceGroup().Member("id")));
        var template = new BicepTemplate();
        template.Add(new Parameter("suffix", "string"));
        template.Add(TestResource.StorageAccount("storage", name));

        ValidationAssert.Single(template, Storage, "name",
            "is at least 29 characters long (16 literal + 13 per uniqueString(), other parts not counted), too long");
    }
}
