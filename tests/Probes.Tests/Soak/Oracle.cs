using Provisioning.ProbeServers.Chaos;

namespace Provisioning.Probes.Tests.Soak;

/// <summary>The verdict a check must report, with the failure kinds that describe the injected fault.</summary>
internal sealed record Expected(CheckOutcome Outcome, IReadOnlySet<FailureKind> Kinds, string Because)
{
    /// <summary>A check without a rule in a faulted run: the oracle cannot say what it meets, so any verdict stands.</summary>
    public static Expected Unjudged { get; } = new(CheckOutcome.Pass, new HashSet<FailureKind>(), "no oracle rule; judged in fault-free runs only");

    public bool Matches(CheckResult result) => ReferenceEquals(this, Unjudged) || (result.Outcome == Outcome && Kinds.Contains(result.Kind));

    public override string ToString() => $"{Outcome} [{string.Join('|', Kinds)}] because {Because}";
}

/// <summary>
/// Expected verdicts computed from the fault plan with the rules of docs/probes.md ("Checks"), not from the
/// probe's code: what each check requests, when it passes, what it depends on, and that a dependent of a
/// dependency that did not pass is skipped unless it found a security failure (never hidden).
/// </summary>
internal static class Oracle
{
    private enum Group
    {
        First,
        Second,
        Both,
    }

    /// <param name="Requests">Which of its component's request groups the check sends (see <see cref="ComponentChaos"/>).</param>
    /// <param name="TwoXxIsSecurityFailure">docs: "any 2xx is a security failure" for the checks that send tokens the backend must refuse.</param>
    private sealed record Rule(ChaosComponent? Component, Group Requests, bool TwoXxIsSecurityFailure, params string[] DependsOn)
    {
        /// <summary>The check reads CORS headers: a 2xx without them is <see cref="FailureKind.Cors"/>, not a wrong body.</summary>
        public bool JudgesCors { get; init; }
    }

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        [CheckNames.FrontendReachable] = new(ChaosComponent.Frontend, Group.First, false),
        [CheckNames.FrontendConfig] = new(ChaosComponent.Frontend, Group.Second, false, CheckNames.FrontendReachable),
        // issue 18: the browser's path, judged on the backend's CORS headers (its tasks requests, the second group); a
        // 200 without them is a refused origin, never a security failure (the chaos backend allows no foreign origin).
        [CheckNames.FrontendBackend] = new(ChaosComponent.Backend, Group.Second, false, CheckNames.BackendHealth, CheckNames.BackendAuthAccepts) { JudgesCors = true },
        [CheckNames.BackendHealth] = new(ChaosComponent.Backend, Group.First, false),
        [CheckNames.BackendAuthRejects] = new(ChaosComponent.Backend, Group.Second, true, CheckNames.BackendHealth),
        [CheckNames.BackendAuthAccepts] = new(ChaosComponent.Backend, Group.Second, false, CheckNames.BackendHealth),
        // backend.authz (issue 10): a valid token on another user's tasks must be 403, a 2xx is a security failure.
        [CheckNames.BackendAuthz] = new(ChaosComponent.Backend, Group.Second, true, CheckNames.BackendHealth, CheckNames.BackendAuthAccepts),
        [CheckNames.McpHandshake] = new(ChaosComponent.Mcp, Group.First, false),
        // Opens its own session (first group), then tools/call (second group); the MCP server's backend is healthy.
        // docs/probes.md: depends on backend.auth.accepts too (a refused token would otherwise be blamed twice).
        [CheckNames.McpBackend] = new(ChaosComponent.Mcp, Group.Both, false, CheckNames.BackendHealth, CheckNames.BackendAuthAccepts, CheckNames.McpHandshake),
        [CheckNames.DatabaseSchema] = new(null, Group.First, false),
    };

    /// <summary>The checks the oracle has no rule for: judged only in runs without any fault (then they must pass).</summary>
    public static IReadOnlyList<string> WithoutRule(IEnumerable<string> checks) => [.. checks.Where(n => !Rules.ContainsKey(n))];

    public static IReadOnlyDictionary<string, Expected> Expect(RunPlan plan, IEnumerable<string> checks)
    {
        var names = checks.ToList();
        var own = names.Where(Rules.ContainsKey).ToDictionary(n => n, n => Own(Rules[n], plan), StringComparer.Ordinal);
        var expected = new Dictionary<string, Expected>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!own.TryGetValue(name, out var mine))
            {
                // A new check runs in the soak before anyone writes its rule: a fault-free run must still pass it, and
                // every run must still end in time; which request group a fault hits, only a rule can say.
                expected[name] = FaultFree(plan) ? new Expected(CheckOutcome.Pass, Kinds(FailureKind.None), "nothing is faulted") : Expected.Unjudged;
                continue;
            }
            var failedDependency = Rules[name].DependsOn.FirstOrDefault(d => own.TryGetValue(d, out var dependency) && dependency.Outcome != CheckOutcome.Pass);
            expected[name] = mine.Outcome == CheckOutcome.SecurityFail || failedDependency is null
                ? mine
                : new Expected(CheckOutcome.Skipped, Kinds(FailureKind.Dependency), $"{failedDependency} does not pass");
        }
        return expected;
    }

    private static bool FaultFree(RunPlan plan) =>
        plan.Database is DatabaseFault.None or DatabaseFault.SlowWithin
        && Enum.GetValues<ChaosComponent>().All(c => plan.Chaos.For(c) is var chaos
            && chaos.First is ChaosFault.None or ChaosFault.SlowWithin && chaos.Second is ChaosFault.None or ChaosFault.SlowWithin);

    private static Expected Own(Rule rule, RunPlan plan)
    {
        if (rule.Component is not { } component)
        {
            return Database(plan);
        }
        var chaos = plan.Chaos.For(component);
        IEnumerable<ChaosFault> faults = rule.Requests switch
        {
            Group.First => [chaos.First],
            Group.Second => [chaos.Second],
            _ => [chaos.First, chaos.Second],
        };
        // The first group's requests come first: its fault is what the check meets.
        foreach (var fault in faults)
        {
            if (fault is ChaosFault.None or ChaosFault.SlowWithin)
            {
                continue;
            }
            var answers2xx = fault is ChaosFault.WrongJson or ChaosFault.WrongContentType;
            if (answers2xx && rule.TwoXxIsSecurityFailure)
            {
                return new(CheckOutcome.SecurityFail, Kinds(FailureKind.Security), $"{component} answers 200 to every request ({fault})");
            }
            if (rule.JudgesCors && answers2xx)
            {
                return new(CheckOutcome.Fail, Kinds(FailureKind.Cors), $"{component} answers 200 without CORS headers ({fault})");
            }
            return new(CheckOutcome.Fail, KindsOf(fault, component), $"{component}: {fault}");
        }
        return new(CheckOutcome.Pass, Kinds(FailureKind.None), $"{component} answers as the contract says ({chaos})");
    }

    /// <summary>The failure kinds of docs/probes.md that name each fault.</summary>
    private static IReadOnlySet<FailureKind> KindsOf(ChaosFault fault, ChaosComponent component) => fault switch
    {
        ChaosFault.Refused => Kinds(FailureKind.Refused),
        ChaosFault.TcpStall or ChaosFault.HttpStall or ChaosFault.HeadersThenStall => Kinds(FailureKind.Timeout),
        // The probe waits three limits to time a late answer (issue 18): one beyond the limit is Slow, unless the run
        // deadline or the wait ends it first.
        ChaosFault.SlowBeyond => Kinds(FailureKind.Slow, FailureKind.Timeout),
        ChaosFault.ServerError => Kinds(FailureKind.Status),
        // The frontend's and backend's documents are judged by the checks (wrong body); MCP's by the protocol.
        ChaosFault.WrongJson or ChaosFault.WrongContentType => component == ChaosComponent.Mcp
            ? Kinds(FailureKind.Protocol, FailureKind.Timeout)
            : Kinds(FailureKind.Body),
        // Something answered, but not with HTTP, or broke off its answer: an unreadable reply.
        ChaosFault.TcpGarbage or ChaosFault.TcpReset or ChaosFault.ResetMidBody => Kinds(FailureKind.Protocol),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static Expected Database(RunPlan plan) => plan.Database switch
    {
        DatabaseFault.None or DatabaseFault.SlowWithin => new(CheckOutcome.Pass, Kinds(FailureKind.None), $"database {plan.Database}"),
        DatabaseFault.Unreachable => new(CheckOutcome.Fail, Kinds(FailureKind.Refused), "database refuses"),
        DatabaseFault.Pending => new(CheckOutcome.Fail, Kinds(FailureKind.Schema), "a migration is pending"),
        DatabaseFault.HangIgnoringToken => new(CheckOutcome.Fail, Kinds(FailureKind.Timeout), $"database {plan.Database}"),
        DatabaseFault.SlowBeyond => new(CheckOutcome.Fail, Kinds(FailureKind.Slow, FailureKind.Timeout), $"database {plan.Database}"),
        _ => new(CheckOutcome.Fail, Kinds(FailureKind.Unexpected), "the verifier throws"),
    };

    private static HashSet<FailureKind> Kinds(params FailureKind[] kinds) => [.. kinds];
}
