using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>One container of a container app or job template.</summary>
public sealed record Container(string Name, BicepValue<string> Image) : IBicepSerializable
{
    public ContainerResources Resources { get; init; } = ContainerResources.Medium;

    public ImmutableArray<EnvironmentVariable> Env { get; init; } = [];

    public ImmutableArray<ContainerProbe> Probes { get; init; } = [];

    public ImmutableArray<BicepValue<string>> Command { get; init; } = [];

    public ImmutableArray<BicepValue<string>> Args { get; init; } = [];

    /// <summary>Adds or replaces (by name) an environment variable.</summary>
    public Container WithEnv(EnvironmentVariable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return this with { Env = [.. Env.Where(e => e.Name != variable.Name), variable] };
    }

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("name", (BicepExpression)Name)
        .Add("image", Image)
        .AddArray("command", Command.Select(c => c.ToExpression()))
        .AddArray("args", Args.Select(a => a.ToExpression()))
        .AddArray("env", Env)
        .Add("resources", Resources.ToExpression())
        .AddArray("probes", Probes)
        .Build();
}
