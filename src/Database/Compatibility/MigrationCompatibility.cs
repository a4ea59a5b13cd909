using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Provisioning.Database.Compatibility;

/// <summary>
/// Whether the release that is running while a migration is applied survives it: the deployment migrates before the
/// new version goes live (docs/database.md, "Changing the schema"), so for a while the previous release reads and
/// writes the new schema. Only additive changes are safe then; everything else needs <see cref="BreaksRunningReleaseAttribute"/>.
/// </summary>
public static partial class MigrationCompatibility
{
    [GeneratedRegex(@"\b(DROP|RENAME|ALTER\s+COLUMN|ALTER\s+TABLE\s+\S+\s+ALTER|TRUNCATE|DELETE\s+FROM)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DestructiveSql();

    /// <summary>Every migration of <paramref name="context"/>'s assembly, oldest first, with what in it the running release would not survive.</summary>
    public static IReadOnlyList<MigrationReview> Review(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var migrations = context.GetService<IMigrationsAssembly>();
        var provider = context.Database.ProviderName!;
        return [.. migrations.Migrations.Select(m => Review(m.Key, migrations.CreateMigration(m.Value, provider)))];
    }

    public static MigrationReview Review(string id, Migration migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var marker = migration.GetType().GetCustomAttribute<BreaksRunningReleaseAttribute>();
        return new MigrationReview(id, [.. migration.UpOperations.SelectMany(Breaks)], marker?.Reason);
    }

    private static IEnumerable<string> Breaks(MigrationOperation operation)
    {
        switch (operation)
        {
            case DropTableOperation drop:
                yield return $"drops table {drop.Name}";
                break;
            case DropColumnOperation drop:
                yield return $"drops column {drop.Table}.{drop.Name}";
                break;
            case RenameTableOperation rename:
                yield return $"renames table {rename.Name} to {rename.NewName}";
                break;
            case RenameColumnOperation rename:
                yield return $"renames column {rename.Table}.{rename.Name} to {rename.NewName}";
                break;
            case AddColumnOperation add when !add.IsNullable && add.DefaultValue is null && add.DefaultValueSql is null && add.ComputedColumnSql is null:
                yield return $"adds required column {add.Table}.{add.Name} without a default (the running release inserts rows without it)";
                break;
            case AlterColumnOperation alter:
                foreach (var narrowing in Narrowings(alter))
                {
                    yield return $"{narrowing} of column {alter.Table}.{alter.Name}";
                }
                break;
            case SqlOperation sql when DestructiveSql().IsMatch(sql.Sql):
                yield return $"runs SQL that may remove or reshape what the running release uses: {Shorten(sql.Sql)}";
                break;
        }
    }

    private static IEnumerable<string> Narrowings(AlterColumnOperation alter)
    {
        var old = alter.OldColumn;
        if (old.IsNullable && !alter.IsNullable)
        {
            yield return "makes required (the running release may write nulls)";
        }
        if (alter.MaxLength is { } length && (old.MaxLength is null || old.MaxLength > length))
        {
            yield return $"narrows the length to {length}";
        }
        if (alter.ColumnType is { } type && old.ColumnType is { } oldType && !string.Equals(type, oldType, StringComparison.OrdinalIgnoreCase) && !Widens(oldType, type))
        {
            yield return $"changes the type from {oldType} to {type}";
        }
        else if (alter.ClrType != old.ClrType && old.ClrType is not null && alter.ColumnType is null)
        {
            yield return $"changes the type from {old.ClrType.Name} to {alter.ClrType.Name}";
        }
    }

    /// <summary>PostgreSQL type changes every value of the old type survives and the old code can still write.</summary>
    private static bool Widens(string from, string to)
    {
        var (f, t) = (from.ToLowerInvariant().Replace("character varying", "varchar", StringComparison.Ordinal), to.ToLowerInvariant().Replace("character varying", "varchar", StringComparison.Ordinal));
        if (f.StartsWith("varchar", StringComparison.Ordinal) && (t == "text" || t == "varchar"))
        {
            return true;
        }
        if (VarcharLength(f) is { } oldLength && VarcharLength(t) is { } newLength)
        {
            return newLength >= oldLength;
        }
        return (f, t) is ("smallint", "integer" or "bigint") or ("integer", "bigint");
    }

    private static int? VarcharLength(string type) =>
        type.StartsWith("varchar(", StringComparison.Ordinal) && int.TryParse(type[8..^1], System.Globalization.CultureInfo.InvariantCulture, out var length) ? length : null;

    private static string Shorten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 80 ? line : line[..77] + "...";
    }
}

/// <summary>One migration's review: what the running release would not survive, and the reviewed reason when it is marked.</summary>
public sealed record MigrationReview(string Id, IReadOnlyList<string> Breaks, string? AcceptedBecause)
{
    /// <summary>Breaks the running release and carries no reviewed marker.</summary>
    public bool IsRefused => Breaks.Count > 0 && string.IsNullOrWhiteSpace(AcceptedBecause);
}
