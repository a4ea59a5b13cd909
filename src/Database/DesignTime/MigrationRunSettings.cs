using System.Globalization;

namespace Provisioning.Database.DesignTime;

/// <summary>
/// How long the migration job keeps trying to reach the database before giving up. Read from
/// <c>MIGRATE_CONNECT_TIMEOUT_SECONDS</c> (default 120 s): long enough to ride out a server restart or a firewall
/// rule that is still propagating, short enough that the Container Apps Job's own timeout and retries stay in charge.
/// </summary>
/// <param name="LockBudget">How long to wait for a concurrent run to release the migration lock.</param>
public sealed record MigrationRunSettings(TimeSpan ConnectBudget, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan LockBudget)
{
    public const string ConnectBudgetVariable = "MIGRATE_CONNECT_TIMEOUT_SECONDS";

    public static MigrationRunSettings Default { get; } = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    /// <exception cref="FormatException">The variable is set but is not a whole number of seconds between 1 and 3600.</exception>
    public static MigrationRunSettings FromEnvironment()
    {
        var raw = Environment.GetEnvironmentVariable(ConnectBudgetVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Default;
        }
        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 3600)
        {
            throw new FormatException(
                $"{ConnectBudgetVariable} is '{raw}': expected a whole number of seconds between 1 and 3600; unset it to use the default of 120.");
        }
        return Default with { ConnectBudget = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>Exponential backoff 1, 2, 4, 8, 10, 10 … seconds.</summary>
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(attempt - 1, 20)));
}
