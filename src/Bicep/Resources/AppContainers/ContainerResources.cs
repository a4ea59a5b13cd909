using System.Globalization;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// CPU and memory of one container. Consumption allows pairs from 0.25 vCPU / 0.5Gi to 4 vCPU / 8Gi with memory
/// twice the CPU; CPU is fractional, which Bicep has no literal for, so it is printed as <c>json('0.5')</c>.
/// </summary>
public sealed record ContainerResources(decimal Cpu, string Memory) : IBicepSerializable
{
    public static ContainerResources Small { get; } = new(0.25m, "0.5Gi");

    public static ContainerResources Medium { get; } = new(0.5m, "1Gi");

    public BicepExpression ToExpression() => Syntax.Bicep.Object(
        Syntax.Bicep.Prop("cpu", Syntax.Bicep.Call("json", Cpu.ToString(CultureInfo.InvariantCulture))),
        Syntax.Bicep.Prop("memory", Memory));
}
