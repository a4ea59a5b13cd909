using Provisioning.Local;

namespace Provisioning.EndToEnd.Tests;

/// <summary>
/// Builds the real migration bundle and starts the local stack once per test run, through src/Local: the same code
/// `provisioning local up` runs. Every scenario restores what it broke, so the next one starts from a healthy stack.
/// </summary>
[TestClass]
public static class StackFixture
{
    private static string? bundleDirectory;
    private static LocalStack? stack;

    public static LocalStack Stack => stack ?? throw new InvalidOperationException("the local stack did not start (see the assembly initialisation failure)");

    public static LocalPaths Paths { get; } = LocalPaths.Find(AppContext.BaseDirectory);

    /// <summary>The migration bundle this run built (LocalUpCommandTests hands it to `local up --bundle`).</summary>
    public static string BundlePath { get; private set; } = "";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bundleDirectory = Directory.CreateTempSubdirectory("e2e-efbundle.").FullName;
        // --no-build: this project's build has just compiled src/Database in the same configuration.
        var bundle = await MigrationBundle.BuildAsync(Paths, Path.Combine(bundleDirectory, "efbundle"), Configuration, noBuild: true,
            context.CancellationTokenSource.Token);
        BundlePath = bundle;
        stack = await LocalStack.StartAsync(new LocalStackOptions(Paths, bundle, "e2e", Progress: Console.Out), context.CancellationTokenSource.Token);
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
        if (bundleDirectory is not null && Directory.Exists(bundleDirectory))
        {
            Directory.Delete(bundleDirectory, recursive: true);
        }
    }
}
