using System.Globalization;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// How far back each log alert on the probe's results looks, derived from the evaluation frequency
/// (<c>alerts.evaluationFrequency</c>) and the probe's interval (<c>probe.schedule</c>), so that no setting can make an
/// alert blind or noisy:
/// <list type="bullet">
/// <item>a check rule must still see three runs in a row when it is evaluated: at least 3 probe intervals plus one
/// evaluation period, and never less than the 30 minutes it has always had;</item>
/// <item>the security rule must see every result at least once: twice the evaluation frequency, at least 5 minutes;</item>
/// <item>"probe silent" must not fire between two healthy runs: at least two probe intervals and one evaluation
/// period, at least 5 minutes.</item>
/// </list>
/// Each is rounded up to a window Azure Monitor offers for log search alerts; a probe so rare that the check window
/// would exceed one day is refused by <see cref="ConfigurationRules"/>.
/// </summary>
public sealed record AlertWindows(TimeSpan Frequency, TimeSpan Check, TimeSpan Security, TimeSpan Silent)
{
    /// <summary>The longest window used: one day (log search alerts look back at most two, and a day keeps a margin).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Checks alert after this many failed runs in a row (the query's <c>prev(ok, 1)</c>, <c>prev(ok, 2)</c>).</summary>
    public const int FailedRunsInARow = 3;

    // The window sizes the Azure portal offers for log search alerts, shortest first.
    private static readonly TimeSpan[] Offered =
    [
        .. new[] { 1, 5, 10, 15, 30, 45 }.Select(m => TimeSpan.FromMinutes(m)),
        .. new[] { 1, 2, 3, 4, 5, 6 }.Select(h => TimeSpan.FromHours(h)),
        TimeSpan.FromDays(1),
    ];

    /// <summary>The windows of <paramref name="configuration"/>'s alerts.</summary>
    /// <exception cref="FormatException">The probe schedule or the frequency cannot be read (the configuration rules report it first).</exception>
    public static AlertWindows For(EnvironmentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return For(TimeSpan.FromSeconds(ProbeSchedule.IntervalSeconds(configuration.Probe.Schedule)), configuration.Alerts.EvaluationFrequency);
    }

    /// <summary>The windows for a probe running every <paramref name="probeInterval"/> and rules evaluated every <paramref name="frequency"/>.</summary>
    /// <exception cref="FormatException">The frequency is not an ISO 8601 duration of minutes, hours or days.</exception>
    public static AlertWindows For(TimeSpan probeInterval, string frequency)
    {
        var every = Parse(frequency) ?? throw new FormatException($"'{frequency}' is not an ISO 8601 duration such as PT5M.");
        return new AlertWindows(
            every,
            RoundUp(Max(TimeSpan.FromMinutes(30), probeInterval * FailedRunsInARow + every)),
            RoundUp(Max(TimeSpan.FromMinutes(5), every * 2)),
            RoundUp(Max(TimeSpan.FromMinutes(5), every, probeInterval * 2)));
    }

    /// <summary>Whether every window is one Azure offers (false only when the check window would exceed <see cref="Longest"/>).</summary>
    public bool IsOffered => Check <= Longest;

    /// <summary>Minutes, hours or days as ISO 8601: <c>PT5M</c>, <c>PT2H</c>, <c>P1D</c>.</summary>
    public static string Iso(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => string.Create(CultureInfo.InvariantCulture, $"P{(int)span.TotalDays}D"),
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => string.Create(CultureInfo.InvariantCulture, $"PT{(int)span.TotalHours}H"),
        _ => string.Create(CultureInfo.InvariantCulture, $"PT{(int)Math.Ceiling(span.TotalMinutes)}M"),
    };

    /// <summary>For people: "5 minutes", "2 hours", "1 day".</summary>
    public static string Words(TimeSpan span)
    {
        var (count, unit) = span switch
        {
            { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => ((int)span.TotalDays, "day"),
            { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => ((int)span.TotalHours, "hour"),
            _ => ((int)Math.Ceiling(span.TotalMinutes), "minute"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
    }

    /// <summary><c>PT15M</c>, <c>PT1H</c>, <c>PT1H30M</c>, <c>P1D</c> → the span; null for anything else.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.StartsWith('P'))
        {
            return null;
        }
        var total = TimeSpan.Zero;
        var inTime = false;
        var number = 0;
        var digits = 0;
        foreach (var ch in text.AsSpan(1))
        {
            if (char.IsAsciiDigit(ch))
            {
                number = checked((number * 10) + (ch - '0'));
                digits++;
                continue;
            }
            TimeSpan? part = (ch, inTime) switch
            {
                ('T', false) when digits == 0 => TimeSpan.Zero,
                ('D', false) => TimeSpan.FromDays(number),
                ('H', true) => TimeSpan.FromHours(number),
                ('M', true) => TimeSpan.FromMinutes(number),
                _ => null,
            };
            if (part is null || (ch != 'T' && digits == 0))
            {
                return null;
            }
            inTime |= ch == 'T';
            total += part.Value;
            number = 0;
            digits = 0;
        }
        return digits == 0 && total > TimeSpan.Zero ? total : null;
    }

    private static TimeSpan Max(params TimeSpan[] spans) => spans.Max();

    private static TimeSpan RoundUp(TimeSpan needed) => Offered.FirstOrDefault(w => w >= needed) is var w && w >= needed ? w : needed;
}
