using System.Globalization;
using System.Text.Json.Nodes;

namespace Provisioning.Operations;

/// <summary>
/// One meter of the price sheet: a price (or a documented constant) with where it comes from. A sourced meter cites its
/// URL, the region the figure holds for and the date it was read; an estimate says why instead.
/// </summary>
public sealed record Meter(string Id, decimal Price, string Unit, string Source, bool IsEstimate, string? Why)
{
    public string? Region { get; init; }

    public string? Read { get; init; }
}

/// <summary>
/// The committed, dated price sheet (<c>src/Operations/prices.westeurope.json</c>): list prices per meter with their
/// source, region, currency and the date they were read. Figures without a published source are marked as estimates.
/// </summary>
public sealed class PriceSheet
{
    public const string Format = "price-sheet/1";

    private readonly Dictionary<string, Meter> meters;

    private PriceSheet(string date, string region, string currency, decimal hoursPerMonth, Dictionary<string, Meter> meters)
    {
        Date = date;
        Region = region;
        Currency = currency;
        HoursPerMonth = hoursPerMonth;
        this.meters = meters;
    }

    public string Date { get; }

    public string Region { get; }

    public string Currency { get; }

    public decimal HoursPerMonth { get; }

    /// <summary>How far an estimated figure may be off, upwards (0.5: up to 50 % higher); the sheet's note says why.</summary>
    public decimal EstimateUncertainty { get; private init; }

    public decimal SecondsPerMonth => HoursPerMonth * 3600m;

    public IReadOnlyCollection<Meter> Meters => meters.Values;

    /// <summary>The sheet compiled into this assembly.</summary>
    public static PriceSheet Default { get; } = LoadEmbedded();

    public bool Has(string id) => meters.ContainsKey(id);

    /// <exception cref="PriceSheetException">The sheet has no such meter.</exception>
    public Meter this[string id] => meters.TryGetValue(id, out var meter)
        ? meter
        : throw new PriceSheetException($"the price sheet ({Region}, {Date}) has no meter '{id}'. Fix: add it to src/Operations/prices.{Region}.json with its price, unit and source.");

    public decimal Price(string id) => this[id].Price;

    /// <exception cref="PriceSheetException">The text is not a price sheet.</exception>
    public static PriceSheet Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new PriceSheetException("the price sheet is not a JSON object.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new PriceSheetException($"the price sheet is not valid JSON ({ex.Message}).");
        }
        if ((string?)root["format"] != Format)
        {
            throw new PriceSheetException($"the price sheet's format is '{(string?)root["format"]}', expected '{Format}'.");
        }
        var list = new Dictionary<string, Meter>(StringComparer.Ordinal);
        foreach (var (id, node) in root["meters"] as JsonObject ?? throw new PriceSheetException("the price sheet has no 'meters' object."))
        {
            var m = node as JsonObject ?? throw new PriceSheetException($"meter '{id}' is not an object.");
            var source = (string?)m["source"];
            if (string.IsNullOrWhiteSpace(source))
            {
                throw new PriceSheetException($"meter '{id}' has no source. Fix: every price names the page it was read from.");
            }
            var estimate = (bool?)m["estimate"] ?? false;
            var why = (string?)m["why"];
            if (estimate && string.IsNullOrWhiteSpace(why))
            {
                throw new PriceSheetException($"meter '{id}' is an estimate without 'why'. Fix: say where the figure comes from.");
            }
            var region = (string?)m["region"];
            var read = (string?)m["read"];
            if (!estimate && (string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(read) || !source.Contains("https://", StringComparison.Ordinal)))
            {
                throw new PriceSheetException($"meter '{id}' is not marked as an estimate but its citation lacks {(string.IsNullOrWhiteSpace(region) ? "'region'" : string.IsNullOrWhiteSpace(read) ? "'read' (the date)" : "a URL in 'source'")}. " +
                                              "Fix: cite the URL, the region the figure holds for and the date it was read, or mark it \"estimate\": true with 'why'.");
            }
            list.Add(id, new Meter(id, decimal.Parse(m["price"]!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
                (string?)m["unit"] ?? string.Empty, source, estimate, why) { Region = region, Read = read });
        }
        return new PriceSheet(
            (string?)root["date"] ?? throw new PriceSheetException("the price sheet has no 'date'."),
            (string?)root["region"] ?? throw new PriceSheetException("the price sheet has no 'region'."),
            (string?)root["currency"] ?? throw new PriceSheetException("the price sheet has no 'currency'."),
            (decimal?)root["hoursPerMonth"] ?? 730m,
            list)
        {
            EstimateUncertainty = (decimal?)root["estimateUncertainty"] ?? 0m,
        };
    }

    private static PriceSheet LoadEmbedded()
    {
        using var stream = typeof(PriceSheet).Assembly.GetManifestResourceStream("prices.westeurope.json")
            ?? throw new PriceSheetException("the price sheet is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

public sealed class PriceSheetException(string message) : Exception(message);
