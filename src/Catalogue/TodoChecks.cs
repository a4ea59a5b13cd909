using System.Collections.Immutable;

namespace Provisioning.Catalogue;

/// <summary>
/// The probe's checks (docs/contract.md, "What verified means"), in the order the probe runs and reports them: adding
/// a check is a name and an entry here, its one implementation in the probe, and its row in the contract. The names
/// are also the availability test names the alerts query.
/// </summary>
public static class TodoChecks
{
    public static ImmutableArray<CheckSpec> All { get; } =
    [
        new(CheckNames.FrontendReachable, TodoSystem.Frontend, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit),
        new(CheckNames.FrontendConfig, TodoSystem.Frontend, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit),
        // The browser's path. Reported under the backend, whose CORS allow-list (its FRONTEND_URL) decides it; a
        // foreign origin allowed with credentials is an open door, so it joins the security alert.
        new(CheckNames.FrontendBackend, TodoSystem.Backend, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit, AlertPolicy.AvailabilityAndSecurity),
        // The contract: /health answers within the readiness probe's timeout, or the platform takes the replica out.
        new(CheckNames.BackendHealth, TodoSystem.Backend, TodoObjectives.Communication, CheckSpec.ReadinessTimeLimit),
        // A 2xx where these expect a refusal is an open door: the security alert fires on the first one.
        new(CheckNames.BackendAuthRejects, TodoSystem.Backend, TodoObjectives.Jwt, CheckSpec.DefaultTimeLimit, AlertPolicy.AvailabilityAndSecurity),
        new(CheckNames.BackendAuthAccepts, TodoSystem.Backend, TodoObjectives.Jwt, CheckSpec.DefaultTimeLimit),
        new(CheckNames.BackendAuthz, TodoSystem.Backend, TodoObjectives.Jwt, CheckSpec.DefaultTimeLimit, AlertPolicy.AvailabilityAndSecurity),
        new(CheckNames.McpHandshake, TodoSystem.Mcp, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit),
        new(CheckNames.McpBackend, TodoSystem.Mcp, TodoObjectives.Communication, CheckSpec.DefaultTimeLimit),
        new(CheckNames.DatabaseSchema, CheckComponents.Database, TodoObjectives.Database, CheckSpec.DefaultTimeLimit),
        // The probe's own health: fails "probe starved" when its own scheduling delay, not a component, decided a
        // time verdict. It observes the run instead of calling anything, so it ends when the other checks end. It
        // measures the probe, not the product, so it counts against no success criterion.
        new(CheckNames.ProbeScheduling, TodoSystem.Probe, null, CheckSpec.DefaultTimeLimit),
        // Read through Azure Resource Manager: only hosts that can reach it run these (docs/probes.md).
        new(CheckNames.PlatformMigration, CheckComponents.Platform, TodoObjectives.Deployment, CheckSpec.DefaultTimeLimit),
        new(CheckNames.PlatformRevisions, CheckComponents.Platform, TodoObjectives.Deployment, CheckSpec.DefaultTimeLimit),
    ];
}

/// <summary>The check names of docs/contract.md; each has exactly one implementation in the probe (a test says so).</summary>
public static class CheckNames
{
    public const string FrontendReachable = "frontend.reachable";
    public const string FrontendConfig = "frontend.config";
    public const string FrontendBackend = "frontend.backend";
    public const string BackendHealth = "backend.health";
    public const string BackendAuthRejects = "backend.auth.rejects";
    public const string BackendAuthAccepts = "backend.auth.accepts";
    public const string BackendAuthz = "backend.authz";
    public const string McpHandshake = "mcp.handshake";
    public const string McpBackend = "mcp.backend";
    public const string DatabaseSchema = "database.schema";
    public const string ProbeScheduling = "probe.scheduling";
    public const string PlatformMigration = "platform.migration";
    public const string PlatformRevisions = "platform.revisions";
}

/// <summary>What checks report under besides the deployed components: the database, and the hosting platform.</summary>
public static class CheckComponents
{
    public const string Database = "database";

    /// <summary>What the platform checks judge is the hosting platform, not one app.</summary>
    public const string Platform = "platform";
}
