using System.CommandLine;
using System.Globalization;
using Provisioning.Database.Configuration;
using Provisioning.Database.Verification;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>verify-db</c>: checks the database named by DATABASE_URL against the schema and migrations compiled into this
/// build and prints a table. The password is never accepted on the command line (it would land in shell history and
/// process listings), only through the environment.
/// </summary>
internal static class VerifyDatabaseCommand
{
    public static Command Create()
    {
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the whole check before giving up.",
            DefaultValueFactory = _ => 30,
        };
        var command = new Command("verify-db",
            "Checks that the tables of the database in DATABASE_URL exist with the expected columns and that no migration is pending. Exit 0 when current, 1 when not, 2 when DATABASE_URL is missing or malformed." + GenerateCommand.ErrorsAndExample("verify-db --timeout 30"));
        command.Options.Add(timeout);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            Environment.GetEnvironmentVariable(DatabaseUrl.VariableName),
            TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>The command without the parsing, so tests pass DATABASE_URL without touching the process environment.</summary>
    internal static async Task<int> RunAsync(string? databaseUrl, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!DatabaseUrl.TryParse(databaseUrl, out _, out var urlError))
        {
            await error.WriteLineAsync(urlError).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        if (timeout <= TimeSpan.Zero)
        {
            await error.WriteLineAsync("--timeout must be a positive number of seconds.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        SchemaReport report;
        try
        {
            report = await SchemaVerifier.VerifyAsync(databaseUrl!, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"verify-db: no answer within {timeout.TotalSeconds:0} s; check the server's firewall rules or raise --timeout.")).ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }

        await output.WriteAsync(Format(report)).ConfigureAwait(false);
        return report.IsCurrent ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    /// <summary>The printed table: one row per table, one per migration, then the verdict and the problems.</summary>
    internal static string Format(SchemaReport report)
    {
        var text = new System.Text.StringBuilder();
        text.Append("Database: ").AppendLine(report.Target);
        if (report.Reachable)
        {
            var rows = new List<string[]> { new[] { "TABLE", "STATUS", "COLUMNS", "MISSING" } };
            rows.AddRange(report.Tables.Select(t => new[]
            {
                t.Table,
                t.IsComplete ? "ok" : t.Exists ? "incomplete" : "missing",
                string.Create(CultureInfo.InvariantCulture, $"{t.ColumnsPresent.Count}/{t.ColumnsPresent.Count + t.ColumnsMissing.Count}"),
                string.Join(", ", t.ColumnsMissing),
            }));
            text.AppendLine().Append(Columns(rows));

            var migrations = new List<string[]> { new[] { "MIGRATION", "STATUS" } };
            migrations.AddRange(report.AppliedMigrations.Select(m => new[] { m, report.UnknownMigrations.Contains(m) ? "applied, unknown to this build" : "applied" }));
            migrations.AddRange(report.PendingMigrations.Select(m => new[] { m, "pending" }));
            text.AppendLine().Append(Columns(migrations));
        }
        text.AppendLine().AppendLine(report.IsCurrent ? "Result: schema is current" : "Result: NOT current");
        foreach (var problem in report.Problems)
        {
            text.Append("  - ").AppendLine(problem);
        }
        return text.ToString();
    }

    private static string Columns(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
        return text.ToString();
    }
}
