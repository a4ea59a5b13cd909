using System.Globalization;
using Provisioning.Database.Verification;
using Provisioning.Probes.Checks;
using Provisioning.ProbeServers.Chaos;

namespace Provisioning.Probes.Tests.Soak;

/// <summary>What the substitute database check does in one run (PostgreSQL's own faults are the migration tests' job).</summary>
internal enum DatabaseFault
{
    None,
    /// <summary>The verifier reports the server unreachable, worded as the real verifier words a refused connection.</summary>
    Unreachable,
    /// <summary>Reachable, one migration pending.</summary>
    Pending,
    /// <summary>Never finishes and ignores its cancellation token: the worst a check can do.</summary>
    HangIgnoringToken,
    /// <summary>Throws synchronously, before returning a task.</summary>
    Throws,
    SlowWithin,
    SlowBeyond,
}

/// <summary>Everything injected into one probe run; generated from the soak seed and the run number alone.</summary>
internal sealed record RunPlan(int Run, RunChaos Chaos, DatabaseFault Database, TimeSpan DatabaseDelay, TimeSpan CheckTimeout, bool DeadlineBound)
{
    /// <summary>Answers of "slow within" arrive after at most this: MCP makes 2–3 sequential requests per check.</summary>
    public static readonly TimeSpan SlowWithinMax = TimeSpan.FromMilliseconds(40);

    private static readonly ChaosFault[] WholeComponent =
    [
        ChaosFault.Refused, ChaosFault.TcpStall, ChaosFault.TcpReset, ChaosFault.TcpGarbage,
        ChaosFault.HttpStall, ChaosFault.HeadersThenStall, ChaosFault.ResetMidBody, ChaosFault.ServerError,
        ChaosFault.WrongJson, ChaosFault.WrongContentType, ChaosFault.SlowWithin, ChaosFault.SlowBeyond,
    ];

    private static readonly ChaosFault[] HttpLevel =
    [
        ChaosFault.None, ChaosFault.HttpStall, ChaosFault.HeadersThenStall, ChaosFault.ResetMidBody, ChaosFault.ServerError,
        ChaosFault.WrongJson, ChaosFault.WrongContentType, ChaosFault.SlowWithin, ChaosFault.SlowBeyond,
    ];

    private static readonly int[] Statuses = [500, 502, 503, 504, 404];

    /// <param name="checkTimeout">The soak's check timeout; a few runs use a longer one so that only the run deadline can end them.</param>
    public static RunPlan Generate(int seed, int run, TimeSpan checkTimeout, TimeSpan runDeadline)
    {
        // System.Random with an explicit seed is the same sequence on every machine and .NET version.
        var random = new Random(unchecked((seed * 1_000_003) ^ (run * 7_919)));
        var deadlineBound = random.NextDouble() < 0.05;
        var timeout = deadlineBound ? runDeadline + TimeSpan.FromMilliseconds(500) : checkTimeout;
        var chaos = new RunChaos(Component(random, timeout), Component(random, timeout), Component(random, timeout));
        var database = random.NextDouble() < 0.5 ? DatabaseFault.None : (DatabaseFault)random.Next(1, 7);
        var databaseDelay = database switch
        {
            DatabaseFault.SlowWithin => Within(random),
            DatabaseFault.SlowBeyond => Beyond(random, timeout),
            _ => TimeSpan.Zero,
        };
        return new RunPlan(run, chaos, database, databaseDelay, timeout, deadlineBound);
    }

    private static ComponentChaos Component(Random random, TimeSpan timeout)
    {
        var roll = random.NextDouble();
        ChaosFault first, second;
        if (roll < 0.40)
        {
            first = second = ChaosFault.None;
        }
        else if (roll < 0.82)
        {
            first = second = WholeComponent[random.Next(WholeComponent.Length)];
        }
        else
        {
            // Behaviour changes between the checks of the run; one delay per plan, so not slow-within with slow-beyond.
            do
            {
                first = HttpLevel[random.Next(HttpLevel.Length)];
                second = HttpLevel[random.Next(HttpLevel.Length)];
            }
            while (first == second || (IsSlow(first) && IsSlow(second)));
        }
        var status = Statuses[random.Next(Statuses.Length)];
        var delay = first == ChaosFault.SlowWithin || second == ChaosFault.SlowWithin ? Within(random)
            : first == ChaosFault.SlowBeyond || second == ChaosFault.SlowBeyond ? Beyond(random, timeout)
            : TimeSpan.Zero;
        return new ComponentChaos(first, second, status, delay, random.Next(1000));
    }

    private static bool IsSlow(ChaosFault fault) => fault is ChaosFault.SlowWithin or ChaosFault.SlowBeyond;

    private static TimeSpan Within(Random random) => TimeSpan.FromMilliseconds(random.Next(5, (int)SlowWithinMax.TotalMilliseconds + 1));

    private static TimeSpan Beyond(Random random, TimeSpan timeout) => timeout + TimeSpan.FromMilliseconds(random.Next(100, 700));

    /// <summary>The real <see cref="DatabaseSchemaCheck"/> with its verifier replaced by this run's fault.</summary>
    public IProbeCheck DatabaseCheck() => new DatabaseSchemaCheck(Database switch
    {
        DatabaseFault.None => (url, _) => Task.FromResult(Current(url)),
        DatabaseFault.Unreachable => (url, _) => Task.FromResult(new SchemaReport(url, Reachable: false, [], [], [], Latest,
            ["connection refused by 127.0.0.1:5432: the server is not running or not listening there; check the host and port in DATABASE_URL and that the server is started"])),
        DatabaseFault.Pending => (url, _) => Task.FromResult(new SchemaReport(url, Reachable: true, [], ["20260101_Initial"], [Latest], Latest,
            [$"1 migration pending ({Latest}): run the migration job"])),
        DatabaseFault.HangIgnoringToken => (_, _) => new TaskCompletionSource<SchemaReport>().Task,
        DatabaseFault.Throws => (_, _) => throw new InvalidOperationException($"verifier crashed in run {Run.ToString(CultureInfo.InvariantCulture)}"),
        _ => async (url, cancellationToken) =>
        {
            await Task.Delay(DatabaseDelay, cancellationToken).ConfigureAwait(false);
            return Current(url);
        },
    });

    private const string Latest = "20260201_Messages";

    private static SchemaReport Current(string url) => new(url, Reachable: true, [], ["20260101_Initial", Latest], [], Latest, []);

    public override string ToString() =>
        $"run {Run}: frontend {Chaos.Frontend}, backend {Chaos.Backend}, mcp {Chaos.Mcp}, database {Database}"
        + (DatabaseDelay > TimeSpan.Zero ? $"({DatabaseDelay.TotalMilliseconds:0} ms)" : "")
        + $", check timeout {CheckTimeout.TotalMilliseconds:0} ms" + (DeadlineBound ? " (deadline-bound)" : "");
}
