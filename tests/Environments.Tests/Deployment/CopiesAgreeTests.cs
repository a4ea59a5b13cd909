using System.Text.RegularExpressions;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>
/// Values that must also exist outside C# (the probe image) agree with the catalogue's. The Functions host and the
/// generator both read the default schedule from the catalogue, so only the Dockerfile can disagree.
/// </summary>
[TestClass]
public sealed class CopiesAgreeTests
{
    [TestMethod]
    public void The_probe_images_default_schedule_is_the_catalogues()
    {
        var dockerfile = File.ReadAllText(Path.Combine(EnvironmentFiles.RepositoryRoot, "functions", "HealthProbe", "Dockerfile"));
        var schedule = new Regex(Regex.Escape(HostSettingNames.Schedule) + "=\"([^\"]+)\"").Match(dockerfile);

        Assert.IsTrue(schedule.Success, $"functions/HealthProbe/Dockerfile sets {HostSettingNames.Schedule}");
        Assert.AreEqual(HostSettingNames.DefaultSchedule, schedule.Groups[1].Value, "functions/HealthProbe/Dockerfile");
    }
}
