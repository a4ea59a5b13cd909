using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Probes;
using Provisioning.Probes.Platform;

namespace Provisioning.HealthProbe.Tests;

/// <summary>
/// Issue 12: the Function runs the platform checks after the standard ones exactly when it has all platform settings
/// (the deployment gives them to the probe app), none of them locally, and refuses to start with only some.
/// </summary>
[TestClass]
public sealed class PlatformChecksCompositionTests
{
    private static Dictionary<string, string> ProbeSettings() => CompleteHostSettings.Create();

    private static Dictionary<string, string> WithPlatformSettings()
    {
        var values = ProbeSettings();
        values[PlatformSettingNames.SubscriptionId] = "00000000-0000-0000-0000-000000000001";
        values[PlatformSettingNames.ResourceGroup] = "rg-todo-prod";
        values[PlatformSettingNames.MigrationJobName] = "caj-todo-prod-migrate";
        values[PlatformSettingNames.AppNames] = "ca-todo-prod-frontend,ca-todo-prod-backend,ca-todo-prod-mcp";
        values[PlatformSettingNames.ClientId] = "00000000-0000-0000-0000-0000000000aa";
        return values;
    }

    private static IReadOnlyList<string> Registered(Dictionary<string, string> values)
    {
        // The same host Program.cs builds; resolving the checks signs in to nothing (the credential is lazy).
        using var host = HealthProbeHost.CreateBuilder(n => values.GetValueOrDefault(n)).Build();
        return [.. host.Services.GetRequiredService<IReadOnlyList<IProbeCheck>>().Select(c => c.Name)];
    }

    /// <summary>The check names the host registers under a complete set of platform settings.</summary>
    internal static IReadOnlyList<string> RegisteredWithPlatformSettings() => Registered(WithPlatformSettings());

    [TestMethod]
    public void With_every_platform_setting_the_platform_checks_follow_the_standard_ones()
    {
        CollectionAssert.AreEqual(
            TodoSystem.Description.Checks.Select(c => c.Name).ToList(),
            RegisteredWithPlatformSettings().ToList());
    }

    [TestMethod]
    public void Without_platform_settings_only_the_standard_checks_run()
    {
        CollectionAssert.AreEqual(StandardChecks.Create().Select(c => c.Name).ToList(), Registered(ProbeSettings()).ToList());
    }

    [TestMethod]
    public void Some_platform_settings_without_the_others_stop_the_start_and_name_the_missing_ones()
    {
        var values = WithPlatformSettings();
        values.Remove(PlatformSettingNames.ClientId);
        values.Remove(PlatformSettingNames.SubscriptionId);
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Registered(values));
        Assert.Contains("missing: AZURE_SUBSCRIPTION_ID, AZURE_CLIENT_ID", ex.Message);
    }

    [TestMethod]
    public void The_app_names_are_read_as_a_comma_separated_list()
    {
        var values = WithPlatformSettings();
        var settings = PlatformSettings.Read(n => values.GetValueOrDefault(n))!;
        CollectionAssert.AreEqual(new[] { "ca-todo-prod-frontend", "ca-todo-prod-backend", "ca-todo-prod-mcp" }, settings.Targets.AppNames.ToList());
        Assert.AreEqual("caj-todo-prod-migrate", settings.Targets.MigrationJobName);
        Assert.AreEqual("rg-todo-prod", settings.Targets.ResourceGroup);
    }
}
