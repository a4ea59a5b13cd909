namespace Provisioning.Deployment;

/// <summary>
/// The stages of every deployment, in order: the azd hooks, <c>deploy</c> on the <c>az</c> path and the local stack
/// all run this list, so they cannot drift apart. The order is the product: a workload that logs in to the database
/// is created only after its role and the schema it needs exist (<see cref="Migration"/> before
/// <see cref="Workloads"/>), and nothing is deployed before every required value is known (<see cref="Check"/>).
/// </summary>
public static class DeploymentStages
{
    public static DeploymentStage Check { get; } = new("check",
        "every value only a person can give is set, and nothing in Azure (a soft-deleted vault) stands in the way; nothing is deployed yet",
        "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
        "seconds");

    public static DeploymentStage Bootstrap { get; } = new("bootstrap",
        "the resource group, monitoring, identities, registry, Key Vault, the probe's storage and every grant not scoped to a secret exist",
        "https://learn.microsoft.com/azure/role-based-access-control/troubleshooting#symptom---role-assignment-changes-are-not-being-detected",
        "3–5 min");

    public static DeploymentStage Secrets { get; } = new("secrets",
        "every secret exists in Key Vault (created once, never overwritten), each workload's grant on its secrets exists, and new grants have had time to take effect",
        "https://learn.microsoft.com/azure/container-apps/manage-secrets#reference-secret-from-key-vault",
        "1–2 min, plus 10 min when a grant is new (a first deployment)");

    public static DeploymentStage Images { get; } = new("images",
        "every image a workload runs is in the environment's registry (application images imported, the probe and migrate images built by ACR Tasks)",
        "https://learn.microsoft.com/azure/container-apps/managed-identity-image-pull",
        "1–2 min per import, 3–6 min per ACR build");

    public static DeploymentStage Data { get; } = new("data",
        "the PostgreSQL server, database, TLS setting and network path, the Container Apps environment and the migration job exist",
        "https://learn.microsoft.com/azure/postgresql/flexible-server/quickstart-create-server",
        "10–15 min (server), 5–15 min (environment), in parallel");

    public static DeploymentStage Migration { get; } = new("migration",
        "the migration job ran this commit's bundle to completion: the schema is current and every component's database role exists",
        "https://learn.microsoft.com/azure/container-apps/jobs#start-a-job-execution-on-demand",
        "1–3 min");

    public static DeploymentStage Workloads { get; } = new("workloads",
        "the apps and the probe run this release against the migrated schema (main.bicep: the complete description)",
        "https://learn.microsoft.com/azure/container-apps/health-probes",
        "2–4 min");

    public static DeploymentStage Verification { get; } = new("verification",
        "a complete probe run inside the environment that started after the workloads is green",
        "https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer",
        "up to the probe interval plus 6 min");

    public static IReadOnlyList<DeploymentStage> All { get; } = [Check, Bootstrap, Secrets, Images, Data, Migration, Workloads, Verification];

    /// <summary>The stage of that name, or null.</summary>
    public static DeploymentStage? Named(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
