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
public sealed record LocalStackOptions(
    LocalPaths Paths,
    string BundlePath,
    string EnvironmentName = "local",
    LocalSecrets? Secrets = null,
    TextWriter? Progress = null,
    string? EnvironmentFile = null,
    IReadOnlyList<DeploymentStage>? Stages = null);
