using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// HTTP ingress of a container app. <see cref="External"/> false makes the app reachable only from inside its
/// environment. Plain HTTP is redirected to HTTPS (<c>allowInsecure: false</c>) unless a caller opts out.
/// </summary>
public sealed record Ingress(bool External, int TargetPort) : IBicepSerializable
{
    /// <summary><c>auto</c>, <c>http</c>, <c>http2</c> or <c>tcp</c>.</summary>
    public BicepValue<string> Transport { get; init; } = "auto";

    public BicepValue<bool> AllowInsecure { get; init; } = false;

    public BicepExpression ToExpression() => new BicepObjectBuilder()
        .Add("external", (BicepExpression)External)
        .Add("targetPort", (BicepExpression)TargetPort)
        .Add("transport", Transport)
        .Add("allowInsecure", AllowInsecure)
        // All traffic to the latest revision: a new revision (e.g. after a secret changed) takes over at once.
        .Add("traffic", Syntax.Bicep.Array(Syntax.Bicep.Object(Syntax.Bicep.Prop("latestRevision", true), Syntax.Bicep.Prop("weight", 100))))
        .Build();
}
