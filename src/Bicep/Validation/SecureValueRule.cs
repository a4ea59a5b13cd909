using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Validation;

/// <summary>
/// Secure values (secure parameters, and variables computed from them) may only reach properties marked as
/// secure sinks (<see cref="SecureSinkExpression"/>): never an output, a plain setting or an environment value.
/// </summary>
public static class SecureValueRule
{
    public static IEnumerable<ValidationProblem> Check(BicepFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Stub: the full taint analysis is part of the foundation issue's validation work.
        return [];
    }
}
