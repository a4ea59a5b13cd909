using System.Globalization;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.Network;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    private const string AppsSubnet = "snet-apps";
    private const string PostgresSubnet = "snet-postgres";
    private const string EndpointsSubnet = "snet-endpoints";

    /// <summary>
    /// Private environments only: a VNet whose first /23 hosts the Container Apps environment, then a /24 delegated
    /// to PostgreSQL and a /24 for private endpoints (Key Vault, storage). Public ones have no VNet at all.
    /// </summary>
    private static TodoNetwork? AddNetwork(Foundation c)
    {
        if (!c.IsPrivate)
        {
            return null;
        }
        var baseAddress = c.Config.Network.AddressSpace!.Split('/')[0].Split('.');
        string Prefix(int third, int bits) => string.Create(CultureInfo.InvariantCulture, $"{baseAddress[0]}.{baseAddress[1]}.{third}.0/{bits}");
        var third = int.Parse(baseAddress[2], CultureInfo.InvariantCulture);

        var vnet = c.Template.Add(new VirtualNetwork("vnet")
        {
            Location = c.Location.Reference,
            Tags = c.TagsFor(),
            AddressPrefixes = [c.Config.Network.AddressSpace!],
            Subnets =
            [
                SubnetSpec.DelegatedTo(AppsSubnet, Prefix(third, 23), SubnetSpec.ContainerAppsDelegation),
                SubnetSpec.DelegatedTo(PostgresSubnet, Prefix(third + 2, 24), SubnetSpec.PostgreSqlDelegation),
                new SubnetSpec(EndpointsSubnet, Prefix(third + 3, 24)),
            ],
        }.WithGeneratedName(c.NameParts));

        // A VNet-injected flexible server needs a zone ending in .postgres.database.azure.com; the privatelink zone is
        // reserved for private endpoints and would clash with one later linked to the same VNet.
        var postgresZone = c.Template.Add(new PrivateDnsZone("postgresDnsZone", $"{c.Config.NamePrefix}-{c.Env}.private.postgres.database.azure.com") { Tags = c.TagsFor() });
        var postgresLink = c.Template.Add(new VirtualNetworkLink("postgresDnsZoneLink")
        {
            Parent = postgresZone,
            Name = "vnet-link",
            Location = "global",
            Tags = c.TagsFor(),
            VirtualNetworkId = vnet.Id,
        });
        return new TodoNetwork(vnet, vnet.SubnetId(AppsSubnet), vnet.SubnetId(PostgresSubnet), vnet.SubnetId(EndpointsSubnet), postgresZone, postgresLink);
    }

    /// <summary>
    /// Private environments: the private path to the Key Vault and to each Functions host's storage (blob, queue,
    /// table), both closed to public networks. Keyed by endpoint symbol (keyVault, storageBlob, …).
    /// </summary>
    private static PrivatePaths AddPrivatePaths(Foundation f, TodoNetwork? network, AccessParts access)
    {
        if (network is null)
        {
            return PrivatePaths.None;
        }
        var paths = new Dictionary<string, IReadOnlyList<Resource>>
        {
            [access.KeyVault.Identifier] = AddPrivateEndpoint(f, network, access.KeyVault, "vault", "privatelink.vaultcore.azure.net", access.KeyVault.Identifier),
        };
        foreach (var host in access.FunctionsHosts.Values)
        {
            foreach (var service in StorageServices)
            {
                var symbol = StorageEndpointSymbol(service);
                paths[symbol] = AddPrivateEndpoint(f, network, host.Storage, service, StorageZone(service), symbol);
            }
        }
        return new PrivatePaths(paths);
    }

    /// <summary>The storage services the Functions host uses: timer schedules and leases in blobs, queues and tables.</summary>
    private static readonly string[] StorageServices = ["blob", "queue", "table"];

    private static string StorageEndpointSymbol(string service) => "storage" + char.ToUpperInvariant(service[0]) + service[1..];

    /// <summary>
    /// A private endpoint for <paramref name="target"/>'s <paramref name="groupId"/>, registered in its private DNS
    /// zone; returns the endpoint, its zone group and the zone's VNet link: a client resolves the private address only
    /// once all three exist.
    /// </summary>
    private static IReadOnlyList<Resource> AddPrivateEndpoint(Foundation c, TodoNetwork network, Resource target, string groupId, BicepValue<string> zoneName, string symbol)
    {
        var zone = c.Template.Add(new PrivateDnsZone(symbol + "DnsZone") { Name = zoneName, Location = "global", Tags = c.TagsFor() });
        var link = c.Template.Add(new VirtualNetworkLink(symbol + "DnsZoneLink")
        {
            Parent = zone,
            Name = "vnet-link",
            Location = "global",
            Tags = c.TagsFor(),
            VirtualNetworkId = network.VirtualNetwork.Id,
        });
        var endpoint = c.Template.Add(new PrivateEndpoint(symbol + "PrivateEndpoint")
        {
            Location = c.Location.Reference,
            Tags = c.TagsFor(),
            SubnetId = network.PrivateEndpointSubnetId,
            PrivateLinkServiceId = target.Id,
            GroupId = groupId,
        }.WithGeneratedName([.. c.NameParts, symbol]));
        var group = c.Template.Add(new PrivateDnsZoneGroup(symbol + "DnsZoneGroup") { Parent = endpoint, Name = "default", Zone = zone });
        return [endpoint, group, link];
    }

    /// <summary>Zone names from the cloud's own suffixes, so the template works in every Azure cloud (no hard-coded hosts).</summary>
    private static BicepValue<string> StorageZone(string service) =>
        (BicepExpression)Expr.Interpolate($"privatelink.{service}.", Expr.Environment().Member("suffixes").Member("storage"));
}
