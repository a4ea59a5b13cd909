using Provisioning.Environments.Configuration;

namespace Provisioning.Operations.Tests;

[TestClass]
public sealed class ProbeScheduleTests
{
    [TestMethod]
    [DataRow("0 */1 * * * *", 60)]
    [DataRow("0 * * * * *", 60)]
    [DataRow("0 */15 * * * *", 900)]
    [DataRow("30 5 * * * *", 3600)]
    [DataRow("0 0 */1 * * *", 3600)]
    [DataRow("0 0 */6 * * *", 21600)]
    [DataRow("0 0 3 * * *", 86400)]
    public void Interval_of_periodic_schedules(string schedule, int seconds) =>
        Assert.AreEqual(seconds, ProbeSchedule.IntervalSeconds(schedule));

    [TestMethod]
    [DataRow("*/1 * * * *")]
    [DataRow("0 */5 * * * 1-5")]
    [DataRow("0 1,31 * * * *")]
    [DataRow("*/10 * * * * *")]
    public void Other_shapes_are_refused_with_an_example(string schedule) =>
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => ProbeSchedule.IntervalSeconds(schedule)).Message, schedule);
}
