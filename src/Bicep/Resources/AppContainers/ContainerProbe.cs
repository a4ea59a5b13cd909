using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>The three probe kinds of Container Apps; the names are the ARM values.</summary>
public enum ProbeType
{
    /// <summary>Holds liveness and readiness back until the app has started (slow starts do not get the container killed).</summary>
    Startup,
    Liveness,
    Readiness,
}

/// <summary>
/// An HTTP (or TCP) health probe. Defaults follow the platform's: a probe every 10 s, 3 failures before acting.
/// </summary>
public sealed record ContainerProbe(ProbeType Type, int Port) : IBicepSerializable
{
    /// <summary>The HTTP path; null makes a TCP probe.</summary>
    public string? Path { get; init; }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public BicepValue<string> Scheme { get; init; }

    public BicepValue<int> InitialDelaySeconds { get; init; }

    public BicepValue<int> PeriodSeconds { get; init; }

    public BicepValue<int> TimeoutSeconds { get; init; }

    public BicepValue<int> FailureThreshold { get; init; }

    public BicepValue<int> SuccessThreshold { get; init; }

    public static ContainerProbe Http(ProbeType type, string path, int port) => new(type, port) { Path = path };

    public static ContainerProbe Tcp(ProbeType type, int port) => new(type, port);

    public BicepExpression ToExpression()
    {
        var probe = new BicepObjectBuilder().Add("type", (BicepExpression)Type.ToString());
        if (Path is null)
        {
            probe.AddObject("tcpSocket", t => t.Add("port", (BicepExpression)Port));
        }
        else
        {
            probe.AddObject("httpGet", h => h
                .Add("path", (BicepExpression)Path)
                .Add("port", (BicepExpression)Port)
                .Add("scheme", Scheme));
        }
        return probe
            .Add("initialDelaySeconds", InitialDelaySeconds)
            .Add("periodSeconds", PeriodSeconds)
            .Add("timeoutSeconds", TimeoutSeconds)
            .Add("failureThreshold", FailureThreshold)
            .Add("successThreshold", SuccessThreshold)
            .Build();
    }
}
