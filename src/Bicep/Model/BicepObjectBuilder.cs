using System.Collections.Immutable;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Model;

/// <summary>
/// Builds an object literal in a fixed order, skipping unset values and empty collections, so typed resources
/// print only what was set.
/// </summary>
public sealed class BicepObjectBuilder
{
    private readonly ImmutableArray<ObjectProperty>.Builder _properties = ImmutableArray.CreateBuilder<ObjectProperty>();

    public bool IsEmpty => _properties.Count == 0;

    public BicepObjectBuilder Add(string name, BicepExpression? value)
    {
        if (value is not null)
        {
            _properties.Add(new ObjectProperty(name, value));
        }
        return this;
    }

    public BicepObjectBuilder Add<T>(string name, BicepValue<T> value)
    {
        if (value.IsSet)
        {
            _properties.Add(new ObjectProperty(name, value.ToExpression()));
        }
        return this;
    }

    /// <summary>Adds a nested object built by <paramref name="build"/>, omitted when it ends up empty.</summary>
    public BicepObjectBuilder AddObject(string name, Action<BicepObjectBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var nested = new BicepObjectBuilder();
        build(nested);
        if (!nested.IsEmpty)
        {
            _properties.Add(new ObjectProperty(name, nested.Build()));
        }
        return this;
    }

    /// <summary>Adds an array, omitted when empty.</summary>
    public BicepObjectBuilder AddArray(string name, IEnumerable<BicepExpression> items)
    {
        var array = items.ToImmutableArray();
        if (!array.IsEmpty)
        {
            _properties.Add(new ObjectProperty(name, new ArrayExpression(array)));
        }
        return this;
    }

    /// <summary>
    /// Adds an array of typed items, omitted when empty. Items with a deployment-time <see cref="IConditional.Condition"/>
    /// make it <c>concat([…], condition ? [item] : [], […])</c>, in the items' order, so an absent item is not in the
    /// deployed array at all.
    /// </summary>
    public BicepObjectBuilder AddArray<T>(string name, IEnumerable<T> items) where T : IBicepSerializable
    {
        var list = items.ToList();
        if (!list.Any(i => i is IConditional { Condition: not null }))
        {
            return AddArray(name, list.Select(i => i.ToExpression()));
        }
        var parts = new List<BicepExpression>();
        var run = new List<BicepExpression>();
        foreach (var item in list)
        {
            if (item is IConditional { Condition: { } condition })
            {
                if (run.Count > 0)
                {
                    parts.Add(Syntax.Bicep.Array(run));
                    run = [];
                }
                parts.Add(Syntax.Bicep.If(condition, Syntax.Bicep.Array(item.ToExpression()), Syntax.Bicep.Array()));
            }
            else
            {
                run.Add(item.ToExpression());
            }
        }
        if (run.Count > 0)
        {
            parts.Add(Syntax.Bicep.Array(run));
        }
        _properties.Add(new ObjectProperty(name, Syntax.Bicep.Call("concat", [.. parts])));
        return this;
    }

    /// <summary>Adds the escape-hatch properties (unmodelled settings) after the typed ones.</summary>
    public BicepObjectBuilder AddRange(IEnumerable<ObjectProperty> properties)
    {
        _properties.AddRange(properties);
        return this;
    }

    public ObjectExpression Build() => new(_properties.ToImmutable());
}
