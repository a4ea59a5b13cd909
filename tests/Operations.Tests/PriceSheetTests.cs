namespace Provisioning.Operations.Tests;

[TestClass]
public sealed class PriceSheetTests
{
    [TestMethod]
    public void The_committed_sheet_is_dated_and_every_meter_names_its_source_and_why_when_estimated()
    {
        var sheet = PriceSheet.Default;
        Assert.AreEqual("westeurope", sheet.Region);
        Assert.AreEqual("USD", sheet.Currency);
        Assert.IsTrue(DateOnly.TryParseExact(sheet.Date, "yyyy-MM-dd", out _), sheet.Date);
        Assert.IsTrue(sheet.Meters.Count > 20);
        foreach (var meter in sheet.Meters)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(meter.Source), meter.Id);
            Assert.IsTrue(!meter.IsEstimate || !string.IsNullOrWhiteSpace(meter.Why), meter.Id);
            Assert.IsTrue(meter.Price >= 0, meter.Id);
            if (!meter.IsEstimate)
            {
                // A citation: the URL, the region the figure holds for, the date it was read.
                StringAssert.Contains(meter.Source, "https://", meter.Id);
                Assert.IsFalse(string.IsNullOrWhiteSpace(meter.Region), meter.Id);
                Assert.IsTrue(DateOnly.TryParseExact(meter.Read, "yyyy-MM-dd", out _), $"{meter.Id}: read {meter.Read}");
            }
        }
        Assert.IsTrue(sheet.EstimateUncertainty is > 0m and < 1m, "the sheet states how far an estimate may be off");
    }

    [TestMethod]
    public void A_sourced_meter_without_region_date_or_url_is_rejected()
    {
        static string Sheet(string meter) => """{"format":"price-sheet/1","date":"2026-01-01","region":"x","currency":"USD","meters":{"a":""" + meter + "}}";

        StringAssert.Contains(Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Parse(Sheet("""{"price":1,"unit":"h","source":"https://example.org","read":"2026-01-01"}"""))).Message, "lacks 'region'");
        StringAssert.Contains(Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Parse(Sheet("""{"price":1,"unit":"h","source":"https://example.org","region":"x"}"""))).Message, "lacks 'read' (the date)");
        StringAssert.Contains(Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Parse(Sheet("""{"price":1,"unit":"h","source":"the calculator","region":"x","read":"2026-01-01"}"""))).Message, "lacks a URL");
        Assert.AreEqual(1m, PriceSheet.Parse(Sheet("""{"price":1,"unit":"h","source":"https://example.org","region":"x","read":"2026-01-01"}"""))["a"].Price);
    }

    [TestMethod]
    public void An_estimate_without_why_and_a_meter_without_source_are_rejected()
    {
        var noWhy = """{"format":"price-sheet/1","date":"2026-01-01","region":"x","currency":"USD","meters":{"a":{"price":1,"unit":"h","source":"s","estimate":true}}}""";
        var noSource = """{"format":"price-sheet/1","date":"2026-01-01","region":"x","currency":"USD","meters":{"a":{"price":1,"unit":"h"}}}""";
        StringAssert.Contains(Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Parse(noWhy)).Message, "meter 'a' is an estimate without 'why'");
        StringAssert.Contains(Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Parse(noSource)).Message, "meter 'a' has no source");
    }

    [TestMethod]
    public void A_missing_meter_names_the_sheet_and_the_fix()
    {
        var message = Assert.ThrowsExactly<PriceSheetException>(() => PriceSheet.Default["postgres.compute.Standard_X99"]).Message;
        StringAssert.Contains(message, "no meter 'postgres.compute.Standard_X99'");
        StringAssert.Contains(message, "src/Operations/prices.westeurope.json");
    }
}
