using System.Globalization;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// How often the probe runs, from its NCRONTAB schedule (six fields, seconds first: <c>0 */1 * * * *</c>): the alert
/// windows (<see cref="AlertWindows"/>) and the cost estimate follow it. Only the shapes an operator writes for a
/// periodic probe are understood: a fixed second, minutes <c>*</c>, <c>*/N</c> or a
/// fixed minute, hours <c>*</c>, <c>*/N</c> or a fixed hour, and <c>*</c> for day, month and weekday.
/// </summary>
public static class ProbeSchedule
{
    /// <summary>The interval between runs in seconds.</summary>
    /// <exception cref="FormatException">The schedule has another shape; the message says which.</exception>
    public static int IntervalSeconds(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{schedule}' is not a six-field NCRONTAB schedule (second minute hour day month weekday), e.g. \"0 */15 * * * *\".");
        }
        if (fields[3] != "*" || fields[4] != "*" || fields[5] != "*")
        {
            throw new FormatException($"'{schedule}': only schedules that repeat every day at a fixed interval are understood (day, month and weekday must be *).");
        }
        if (!IsFixed(fields[0]))
        {
            throw new FormatException($"'{schedule}': the seconds field must be a single number, e.g. 0.");
        }
        var minutes = fields[1];
        var hours = fields[2];
        if (hours == "*")
        {
            return minutes switch
            {
                "*" => 60,
                _ when Step(minutes) is { } n => n * 60,
                _ when IsFixed(minutes) => 3600,
                _ => throw Unsupported(schedule),
            };
        }
        if (!IsFixed(minutes))
        {
            throw Unsupported(schedule);
        }
        return hours switch
        {
            _ when Step(hours) is { } h => h * 3600,
            _ when IsFixed(hours) => 86400,
            _ => throw Unsupported(schedule),
        };
    }

    private static FormatException Unsupported(string schedule) =>
        new($"'{schedule}': use */N or a fixed value in the minutes and hours fields, e.g. \"0 */15 * * * *\" (every 15 minutes) or \"0 0 */1 * * *\" (hourly).");

    private static bool IsFixed(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static int? Step(string field) =>
        field.StartsWith("*/", StringComparison.Ordinal) &&
        int.TryParse(field[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
