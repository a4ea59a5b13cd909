using System.Collections.Immutable;

namespace Provisioning.Catalogue;

/// <summary>How a component runs on Container Apps.</summary>
public enum WorkloadKind
{
    /// <summary>A container app with HTTP ingress.</summary>
    App,

    /// <summary>A manually triggered Container Apps job.</summary>
    Job,

    /// <summary>Azure Functions on Container Apps (<c>kind: functionapp</c>).</summary>
    FunctionApp,
}

/// <summary>Who can reach a component.</summary>
public enum IngressKind
{
    None,

    /// <summary>Only from inside the Container Apps environment.</summary>
    Internal,

    /// <summary>From the internet, over https.</summary>
    External,
}

/// <summary>
/// The health probes of a component. Startup and readiness ask <see cref="Path"/> (a TCP connect when it is null);
/// liveness asks it too unless <see cref="LivenessOnTcp"/>, for a component whose health endpoint reports a
/// dependency: restarting it because a dependency is down would turn one failure into two.
/// </summary>
public sealed record HealthSpec(string? Path, bool LivenessOnTcp = false)
{
    /// <summary>Startup allows up to 5 minutes (30 × 10 s) for a cold start before liveness may restart the container.</summary>
    public const int StartupPeriodSeconds = 10;
    public const int StartupFailureThreshold = 30;
    public const int LivenessPeriodSeconds = 30;
    public const int ReadinessPeriodSeconds = 10;

    /// <summary>Three misses in a row before the platform acts on liveness or readiness.</summary>
    public const int FailureThreshold = 3;

    /// <summary>
    /// Startup and readiness ask the health path, which for the backend opens a database connection: TCP, TLS and
    /// SCRAM authentication are about six round trips plus the server's work, and a Burstable server out of CPU credits
    /// runs at its baseline share, so a cold connection can take a second or more. The platform default of 1 s would
    /// then take replicas out of rotation exactly when the database is slow; 5 s is a five-fold margin and stays under
    /// the 10 s period, so probes never overlap ("Health probes in Azure Container Apps", Microsoft Learn).
    /// </summary>
    public const int StartupTimeoutSeconds = 5;

    /// <inheritdoc cref="StartupTimeoutSeconds"/>
    public const int ReadinessTimeoutSeconds = 5;

    /// <summary>Liveness only checks the port (or a path that does not touch the database): a slow database never restarts a container.</summary>
    public const int LivenessTimeoutSeconds = 3;
}

/// <summary>A job's time budget: one execution may run <see cref="ReplicaTimeoutSeconds"/>, and is retried <see cref="RetryLimit"/> times.</summary>
public sealed record JobSpec(int ReplicaTimeoutSeconds, int RetryLimit)
{
    /// <summary>Time for the platform to schedule an execution and start its container, beyond the attempts themselves.</summary>
    public const int StartAllowanceSeconds = 100;

    /// <summary>
    /// How long a deployment waits for one execution to end: every attempt to its timeout, plus the start. Waiting
    /// less would report a failure while the job may still succeed in its last attempt.
    /// </summary>
    public int CompletionWaitSeconds => (RetryLimit + 1) * ReplicaTimeoutSeconds + StartAllowanceSeconds;
}

/// <summary>
/// Size and replica bounds of a component: read from the environment file's section <see cref="Setting"/>
/// (<c>$.frontend</c>; the generator resolves it by name, so the catalogue never sees the configuration types), or
/// fixed by the model (<see cref="Fixed"/>), which needs nothing in the environment files.
/// </summary>
public sealed record SizeSpec(string Setting, FixedSize? FixedSize = null)
{
    /// <summary>The size is the environment file's section named after the component (<c>$.&lt;component&gt;</c>).</summary>
    public static SizeSpec FromFile(string component) => new("$." + component);

    public static SizeSpec Fixed(decimal cpu, string memory, int replicas) => new("fixed", new FixedSize(cpu, memory, replicas, replicas));

    /// <summary>
    /// An app that runs only while it has work: no replica (and no compute cost) when idle, up to
    /// <paramref name="maxReplicas"/> under load, at the price of a cold start on the first request.
    /// </summary>
    public static SizeSpec OnDemand(decimal cpu, string memory, int maxReplicas) => new("fixed", new FixedSize(cpu, memory, 0, maxReplicas));
}

/// <summary>
/// An image built from this repository (the images stage of <c>deploy</c> builds it with ACR Tasks from
/// <see cref="Project"/>, a folder relative to the repository root, with the Dockerfile and build context given
/// relative to that folder).
/// A component without one runs an image built elsewhere (the application repositories), which the deployment copies
/// into the environment's registry.
/// </summary>
public sealed record ImageBuild(string Project, string Dockerfile = "./Dockerfile", string Context = ".");

/// <summary>A size and replica bounds the model fixes for every environment.</summary>
public sealed record FixedSize(decimal Cpu, string Memory, int MinReplicas, int MaxReplicas);

/// <summary>
/// One deployed component of the system: it gets its own identity (which may read exactly the secrets of its
/// <see cref="Variables"/>), its image parameter (<c>&lt;name&gt;Image</c>, from <c>images.&lt;name&gt;</c> of the
/// environment file) and its workload.
/// </summary>
public sealed record ComponentSpec
{
    public required string Name { get; init; }

    /// <summary>One line for people (generated READMEs, docs).</summary>
    public required string Description { get; init; }

    public required WorkloadKind Kind { get; init; }

    public IngressKind Ingress { get; init; } = IngressKind.None;

    /// <summary>The port the container listens on; null for a job.</summary>
    public int? Port { get; init; }

    public HealthSpec? Health { get; init; }

    public required SizeSpec Size { get; init; }

    public JobSpec? Job { get; init; }

    public ImmutableArray<VariableSpec> Variables { get; init; } = [];

    /// <summary>Built from this repository (null: its image comes from the application repositories).</summary>
    public ImageBuild? Build { get; init; }

    /// <summary>The Bicep symbol of its workload; by default the name and the kind (<c>frontendApp</c>, <c>probeFunction</c>).</summary>
    public string? Symbol { get; init; }

    public string WorkloadSymbol => Symbol ?? Name + Kind switch { WorkloadKind.Job => "Job", WorkloadKind.FunctionApp => "Function", _ => "App" };

    /// <summary>The Bicep parameter that carries the component's image.</summary>
    public string ImageParameter => Name + "Image";
}
