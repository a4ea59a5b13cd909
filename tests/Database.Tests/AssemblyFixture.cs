using Provisioning.TestSupport;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 4)]

namespace Provisioning.Database.Tests;

/// <summary>Builds the real bundle once and starts (or attaches to) the test PostgreSQL once per test run.</summary>
[TestClass]
public static class AssemblyFixture
{
    [AssemblyInitialize]
    public static void Initialize(TestContext context)
    {
        _ = context;
        // Start the server while the bundle builds: both take a few seconds.
        var server = Task.Run(() => PostgresServer.Shared);
        MigrationBundle.Build();
        server.GetAwaiter().GetResult();
    }

    [AssemblyCleanup]
    public static void Cleanup()
    {
        PostgresServer.StopShared();
        MigrationBundle.Delete();
    }
}
