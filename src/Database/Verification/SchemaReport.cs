namespace Provisioning.Database.Verification;

/// <summary>What one table looks like compared with the schema compiled into this build.</summary>
/// <param name="Table">Table name, e.g. <c>tasks</c>.</param>
/// <param name="Exists">Whether the table exists in the connection's current schema.</param>
/// <param name="ColumnsPresent">Expected columns that exist.</param>
/// <param name="ColumnsMissing">Expected columns that do not exist (all of them when the table is missing).</param>
public sealed record TableFinding(string Table, bool Exists, IReadOnlyList<string> ColumnsPresent, IReadOnlyList<string> ColumnsMissing)
{
    public bool IsComplete => Exists && ColumnsMissing.Count == 0;
}

/// <summary>
/// The outcome of <see cref="SchemaVerifier.VerifyAsync"/>. <see cref="IsCurrent"/> is true only when the database
/// was reached, every table has every expected column, and its newest applied migration is the newest one compiled
/// into this build. <see cref="Problems"/> holds one line per problem, each saying what to do.
/// </summary>
/// <param name="Target">The database checked, redacted (never the password).</param>
/// <param name="Reachable">False when no connection could be opened; see <see cref="Problems"/> for why.</param>
/// <param name="Tables">One finding per expected table, in schema order; empty when unreachable.</param>
/// <param name="AppliedMigrations">Rows of __EFMigrationsHistory, oldest first.</param>
/// <param name="PendingMigrations">Compiled migrations not yet applied, oldest first.</param>
/// <param name="LatestCompiledMigration">The newest migration compiled into this build.</param>
/// <param name="Problems">One actionable line each; empty exactly when <see cref="IsCurrent"/>.</param>
public sealed record SchemaReport(
    string Target,
    bool Reachable,
    IReadOnlyList<TableFinding> Tables,
    IReadOnlyList<string> AppliedMigrations,
    IReadOnlyList<string> PendingMigrations,
    string LatestCompiledMigration,
    IReadOnlyList<string> Problems)
{
    public bool IsCurrent => Problems.Count == 0;

    /// <summary>Applied migrations this build does not contain: the database was migrated by a newer release.</summary>
    public IReadOnlyList<string> UnknownMigrations { get; init; } = [];
}
