using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Tests.Configuration;

[TestClass]
public sealed class ValidConfigurationTests
{
    [TestMethod]
    public void Committed_environment_files_load_in_name_order()
    {
        var configurations = ConfigurationLoader.LoadAll(EnvironmentFiles.EnvironmentDirectory);

        CollectionAssert.AreEqual(new[] { "dev", "prod", "staging" }, configurations.Select(c => c.Name).ToArray());
        var prod = configurations.Single(c => c.Name == "prod");
        Assert.IsTrue(prod.Database.HighAvailability);
        Assert.AreEqual(NetworkIsolation.Private, prod.Network.Isolation);
        Assert.AreEqual(1m, prod.Frontend.Cpu);
        Assert.AreEqual("2Gi", prod.Frontend.Memory);
    }

    [TestMethod]
    public void Every_environment_file_points_editors_at_the_schema()
    {
        foreach (var file in Directory.EnumerateFiles(EnvironmentFiles.EnvironmentDirectory, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            StringAssert.Contains(File.ReadAllText(file), "\"$schema\": \"./environment.schema.json\"", file);
        }
    }
}
