using Provisioning.Deployment;

namespace Provisioning.Local;

/// <summary>What a local run needs to start.</summary>
/// <param name="Paths">The repository (fixtures, database project).</param>
/// <param name="BundlePath">The migration bundle executable to run (see <see cref="MigrationBundle.BuildAsync"/>).</param>
/// <param name="EnvironmentName">Names the probe user probe-&lt;env&gt;; "local" by default.</param>
/// <param name="Secrets">This run's keys; fresh ones when null.</param>
/// <param name="Progress">Where one line per step goes (the CLI's console); null for silence.</param>
/// <param name="EnvironmentFile">The environment file whose settings the run renders; env/dev.json when null.</param>
/// <param name="Stages">The stages to follow; <see cref="DeploymentStages.All"/> when null (tests reorder them to prove the order matters).</param>
/// <param name="Revisions">
/// Serve each HTTP component through an ingress on its public port (<see cref="LocalIngress"/>), so
/// <see cref="LocalStack.RollOutAsync"/> can replace its process with no failed request, as a new revision does. Off, a
/// component's process listens on the public port itself, and a stopped component refuses connections.
/// </param>
/// <param name="FixtureVariables">Extra variables for a component's fixture on every start (e.g. FIXTURE_TOKEN_LIFETIME_SECONDS), by component.</param>
public sealed record LocalStackOptions(
    LocalPaths Paths,
    string BundlePath,
    string EnvironmentName = "local",
    LocalSecrets? Secrets = null,
    TextWriter? Progress = null,
    string? EnvironmentFile = null,
    IReadOnlyList<DeploymentStage>? Stages = null,
    bool Revisions = false,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? FixtureVariables = null);
