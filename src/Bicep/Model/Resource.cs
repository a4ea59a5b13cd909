using System.Collections.Immutable;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Model;

/// <summary>
/// A resource declaration. Typed subclasses pin the type and api-version and print their own properties;
/// this base prints what every resource shares (name, location, tags, parent, scope, dependsOn) in a fixed order.
/// Instances are immutable: change one with a <c>with</c> expression.
/// </summary>
public abstract record Resource(string Identifier)
{
    /// <summary>The Azure resource type, e.g. <c>Microsoft.KeyVault/vaults</c>.</summary>
    public abstract string ResourceType { get; }

    /// <summary>The pinned api-version; pinned per type so a template never changes because a default moved.</summary>
    public abstract string ApiVersion { get; }

    public BicepValue<string> Name { get; init; }

    /// <summary>Null for child and extension resources that take no location.</summary>
    public BicepExpression? Location { get; init; }

    public BicepExpression? Tags { get; init; }

    /// <summary>The parent of a child resource (printed as <c>parent: x</c>).</summary>
    public Resource? Parent { get; init; }

    /// <summary>The scope of an extension resource such as a role assignment or lock (printed as <c>scope: x</c>).</summary>
    public Resource? Scope { get; init; }

    /// <summary>Declares an <c>existing</c> resource: only its name (and parent/scope) are printed.</summary>
    public bool IsExisting { get; init; }

    public BicepExpression? Condition { get; init; }

    /// <summary>
    /// Printed as <c>@description('…')</c> above the declaration, for readers of the generated file. Not named
    /// <c>Description</c> because several Azure types have a <c>properties.description</c> of their own.
    /// </summary>
    public string? DeclarationDescription { get; init; }

    /// <summary>Explicit dependencies; implicit ones come from references in the body.</summary>
    public ImmutableArray<Resource> DependsOn { get; init; } = [];

    /// <summary>Escape hatch: extra top-level body properties for settings the typed model does not cover.</summary>
    public ImmutableArray<ObjectProperty> ExtraBody { get; init; } = [];

    /// <summary>Azure's naming rule for this type, checked at build time when the name is known.</summary>
    public virtual NamingRule? NamingRule => null;

    /// <summary>Linter rules with a known false positive for this type, printed as <c>#disable-next-line</c> above the declaration.</summary>
    public virtual ImmutableArray<string> DisabledLinterRules => [];

    /// <summary>
    /// Properties Azure fixes at creation (or lets change one way only), with the reason and the documentation that says
    /// so. <c>location</c> is added for every resource that has one; override to add the type's own.
    /// </summary>
    public virtual ImmutableArray<State.CreateOnlyProperty> CreateOnlyProperties => [];

    /// <summary>What deleting and re-creating this resource means for its data and its users; override where it costs more.</summary>
    public virtual string RecreateConsequence =>
        "Azure deletes the resource and creates it anew: whatever is stored only in it is lost, and what refers to it by id must be deployed again.";

    /// <summary>A reference to this resource's symbol.</summary>
    public ReferenceExpression Reference => new(Identifier);

    /// <summary><c>x.id</c></summary>
    public BicepExpression Id => Reference.Member("id");

    /// <summary><c>x.name</c></summary>
    public BicepExpression NameReference => Reference.Member("name");

    /// <summary><c>x.properties.&lt;name&gt;</c>, e.g. a vault's <c>vaultUri</c>.</summary>
    public BicepExpression PropertyReference(string name) => Reference.Member("properties").Member(name);

    /// <summary>Adds the type-specific top-level properties (sku, kind, identity, properties, …) after the common ones.</summary>
    protected abstract void WriteBody(BicepObjectBuilder body);

    public ResourceStatement ToStatement()
    {
        var body = new BicepObjectBuilder();
        if (Parent is not null)
        {
            body.Add("parent", Parent.Reference);
        }
        if (Scope is not null)
        {
            body.Add("scope", Scope.Reference);
        }
        body.Add("name", Name);
        if (!IsExisting)
        {
            body.Add("location", Location);
            body.Add("tags", Tags);
            WriteBody(body);
            body.AddRange(ExtraBody);
            body.AddArray("dependsOn", ExplicitDependencies(body.Build()).Select(d => (BicepExpression)d.Reference));
        }
        return new ResourceStatement(Identifier, ResourceType, ApiVersion, body.Build())
        {
            IsExisting = IsExisting,
            Condition = Condition,
            DisabledLinterRules = DisabledLinterRules,
            Decorators = DeclarationDescription is null ? [] : [Decorator.Description(DeclarationDescription)],
            CreateOnlyProperties = IsExisting ? [] : Location is null ? CreateOnlyProperties : [State.CreateOnlyProperty.Location, .. CreateOnlyProperties],
            RecreateConsequence = RecreateConsequence,
        };
    }

    /// <summary>
    /// The <see cref="DependsOn"/> entries that the body does not already imply by referring to them, once each and in
    /// the given order: Bicep infers those, and the strict linter (no-unnecessary-dependson) rejects them.
    /// </summary>
    private IEnumerable<Resource> ExplicitDependencies(ObjectExpression body)
    {
        if (DependsOn.IsEmpty)
        {
            // Most resources declare none: no need to walk the whole body for its references.
            return [];
        }
        var referenced = Validation.ExpressionWalker.Walk(body)
            .Select(v => v.Expression)
            .OfType<ReferenceExpression>()
            .Select(r => r.Symbol)
            .ToHashSet(StringComparer.Ordinal);
        return DependsOn.Where(d => referenced.Add(d.Identifier));
    }
}

/// <summary>Escape hatch: any resource type as type@version plus a body written by hand (still through the syntax tree).</summary>
public sealed record RawResource(string Identifier, string Type, string Version, ObjectExpression Body) : Resource(Identifier)
{
    public override string ResourceType => Type;

    public override string ApiVersion => Version;

    protected override void WriteBody(BicepObjectBuilder body) => body.AddRange(Body.Properties);
}
