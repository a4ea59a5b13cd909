using Provisioning.Probes.Checks;

namespace Provisioning.Probes;

/// <summary>
/// The registered checks of docs/contract.md, "What verified means", in the contract's order. Registering a check
/// here is all the deployment needs: its alert rule, the security alert and the generated READMEs read this list.
/// </summary>
public static class StandardChecks
{
    public static IReadOnlyList<IProbeCheck> Create() => Create(new DatabaseSchemaCheck());

    /// <summary>Same checks with a substitute for the database check (tests without PostgreSQL).</summary>
    public static IReadOnlyList<IProbeCheck> Create(IProbeCheck databaseCheck) =>
    [
        new FrontendReachableCheck(),
        new FrontendConfigCheck(),
        new BackendHealthCheck(),
        new BackendAuthRejectsCheck(),
        new BackendAuthAcceptsCheck(),
        new BackendAuthzCheck(),
        new McpHandshakeCheck(),
        new McpBackendCheck(),
        databaseCheck,
    ];
}
