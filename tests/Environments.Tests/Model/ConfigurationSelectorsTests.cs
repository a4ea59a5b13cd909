using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Tests.Model;

/// <summary>
/// The catalogue names environment-file settings; the generator maps each name once. Every name the catalogue uses
/// has a mapping, and every mapping is used, so neither side can drift without a failure here.
/// </summary>
[TestClass]
public sealed class ConfigurationSelectorsTests
{
    [TestMethod]
    public void Every_setting_the_catalogue_names_is_mapped_and_every_mapping_is_used()
    {
        var system = TodoSystem.Description;
        var sizes = system.Components.Where(c => c.Size.FixedSize is null).Select(c => c.Size.Setting[2..]);
        var values = system.Components.SelectMany(c => c.Variables).Select(v => v.Source).OfType<ConfigurationValue>().Select(v => v.Setting);
        var switches = system.SecureParameters.Select(p => p.When).OfType<string>();

        CollectionAssert.AreEquivalent(sizes.Distinct().ToList(), ConfigurationSelectors.Sizes.Keys.ToList(), "sizes, keyed by component name");
        CollectionAssert.AreEquivalent(values.Distinct().ToList(), ConfigurationSelectors.Values.Keys.ToList(), "string settings");
        CollectionAssert.AreEquivalent(switches.Distinct().ToList(), ConfigurationSelectors.Switches.Keys.ToList(), "switches");
    }

    [TestMethod]
    public void Each_mapped_size_is_read_from_the_section_named_after_its_component()
    {
        var dev = ConfigurationLoader.Load(Path.Combine(EnvironmentFiles.EnvironmentDirectory, "dev.json")).Configuration!;
        Assert.AreEqual(dev.Frontend.Cpu, TodoSystem.Description.Component(TodoSystem.Frontend).Size.Read(dev).Cpu);
        Assert.AreEqual(1, TodoSystem.Description.Component(TodoSystem.Probe).Size.Read(dev).MaxReplicas, "the timer is a singleton");
        Assert.AreEqual(TodoSystem.Description.Component(TodoSystem.Migrate).Size.FixedSize!.MaxReplicas, TodoSystem.Description.Component(TodoSystem.Migrate).Size.Read(dev).MaxReplicas);
    }
}
