using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Tests.Configuration;

[TestClass]
public sealed class AlertWindowsTests
{
    [TestMethod]
    [DataRow("PT1M", 1)]
    [DataRow("PT15M", 15)]
    [DataRow("PT1H", 60)]
    [DataRow("PT1H30M", 90)]
    [DataRow("P1D", 1440)]
    public void Iso_durations_are_read(string text, int minutes) =>
        Assert.AreEqual(TimeSpan.FromMinutes(minutes), AlertWindows.Parse(text));

    [TestMethod]
    [DataRow("")]
    [DataRow("15M")]
    [DataRow("PT")]
    [DataRow("PT5")]
    [DataRow("P1H")]
    [DataRow("PT0M")]
    [DataRow("hourly")]
    public void Anything_else_is_not_a_duration(string text) => Assert.IsNull(AlertWindows.Parse(text));

    [TestMethod]
    public void Windows_are_written_as_azure_and_people_read_them()
    {
        Assert.AreEqual("PT30M", AlertWindows.Iso(TimeSpan.FromMinutes(30)));
        Assert.AreEqual("PT4H", AlertWindows.Iso(TimeSpan.FromHours(4)));
        Assert.AreEqual("P1D", AlertWindows.Iso(TimeSpan.FromDays(1)));
        Assert.AreEqual("5 minutes", AlertWindows.Words(TimeSpan.FromMinutes(5)));
        Assert.AreEqual("1 hour", AlertWindows.Words(TimeSpan.FromHours(1)));
        Assert.AreEqual("2 hours", AlertWindows.Words(TimeSpan.FromHours(2)));
    }

    [TestMethod]
    public void A_probe_every_seven_hours_is_the_rarest_that_fits_a_day_long_check_window()
    {
        Assert.IsTrue(AlertWindows.For(TimeSpan.FromHours(7), "PT15M").IsOffered);
        Assert.IsFalse(AlertWindows.For(TimeSpan.FromHours(8), "PT1M").IsOffered);
    }
}
