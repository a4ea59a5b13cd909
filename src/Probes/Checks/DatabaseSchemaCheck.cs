using Provisioning.Database.Verification;

namespace Provisioning.Probes.Checks;

/// <summary><c>database.schema</c>: the three tables exist and no migration is pending (via the Database project's verifier).</summary>
/// <param name="verify">The verification call; <see cref="SchemaVerifier.VerifyAsync"/> unless a test substitutes it.</param>
public sealed class DatabaseSchemaCheck(Func<string, CancellationToken, Task<SchemaReport>> verify) : IProbeCheck
{
    public DatabaseSchemaCheck() : this(SchemaVerifier.VerifyAsync)
    {
    }

    public string Name => CheckNames.DatabaseSchema;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await verify(context.Settings.DatabaseUrl, cancellationToken).ConfigureAwait(false);
        if (report.IsCurrent)
        {
            return CheckVerdict.Pass($"schema current at {report.LatestCompiledMigration}");
        }
        var problems = string.Join("; ", report.Problems);
        if (!report.Reachable)
        {
            return CheckVerdict.Fail(KindOfConnectionProblem(problems), "database: " + problems);
        }
        return CheckVerdict.Fail(FailureKind.Schema, "schema: " + problems);
    }

    // The verifier words its connection failures (see DatabaseFailure.Describe); map them onto the probe's classes
    // so the telemetry's failureKind dimension means the same thing for every component.
    private static FailureKind KindOfConnectionProblem(string problems) =>
        problems.Contains("refused", StringComparison.OrdinalIgnoreCase) ? FailureKind.Refused
        : problems.Contains("DNS", StringComparison.Ordinal) ? FailureKind.Dns
        : problems.Contains("timed out", StringComparison.OrdinalIgnoreCase) ? FailureKind.Timeout
        : problems.Contains("TLS", StringComparison.Ordinal) ? FailureKind.Tls
        : problems.Contains(SettingNames.DatabaseUrl, StringComparison.Ordinal) && problems.Contains("not", StringComparison.Ordinal) ? FailureKind.Configuration
        : FailureKind.Protocol;
}
