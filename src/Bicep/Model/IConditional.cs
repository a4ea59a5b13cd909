using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Model;

/// <summary>An array item that exists only while <see cref="Condition"/> holds at deployment time (null: always).</summary>
public interface IConditional
{
    BicepExpression? Condition { get; }
}
