using System.Text.RegularExpressions;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Tests.Deployment;

/// <summary>Values that must also exist outside C# (the probe image, the Functions host) agree with the generator's.</summary>
[TestClass]
public sealed partial class CopiesAgreeTests
{
    [TestMethod]
    public void The_probe_images_default_schedule_is_the_generators()
    {
        var dockerfile = File.ReadAllText(Path.Combine(EnvironmentFiles.RepositoryRoot, "functions", "HealthProbe", "Dockerfile"));
        var host = File.ReadAllText(Path.Combine(EnvironmentFiles.RepositoryRoot, "functions", "HealthProbe", "HostSettingNames.cs"));

        Assert.AreEqual(ProbeSettings.DefaultSchedule, DockerfileSchedule().Match(dockerfile).Groups[1].Value, "functions/HealthProbe/Dockerfile");
        Assert.AreEqual(ProbeSettings.DefaultSchedule, HostDefault().Match(host).Groups[1].Value, "functions/HealthProbe/HostSettingNames.cs");
    }

    [GeneratedRegex("PROBE_SCHEDULE=\"([^\"]+)\"")]
    private static partial Regex DockerfileSchedule();

    [GeneratedRegex("DefaultSchedule = \"([^\"]+)\"")]
    private static partial Regex HostDefault();
}
