using Provisioning.Bicep.Model;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Environments.Todo;

/// <summary>The private network of a private environment: what the other parts attach to.</summary>
internal sealed record TodoNetwork(
    Resource VirtualNetwork,
    BicepExpression AppsSubnetId,
    BicepExpression PostgresSubnetId,
    BicepExpression PrivateEndpointSubnetId,
    Resource PostgresDnsZone,
    Resource PostgresDnsLink);
