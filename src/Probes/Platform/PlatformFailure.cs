using System.Text.RegularExpressions;

namespace Provisioning.Probes.Platform;

/// <summary>Turns an ARM refusal into a reason that says what to do.</summary>
public static partial class PlatformFailure
{
    public static CheckVerdict Verdict(ArmRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return CheckVerdict.Fail(Kind(exception), Reason(exception));
    }

    public static FailureKind Kind(ArmRequestException exception) =>
        exception?.Status is 401 or 403 or 404 ? FailureKind.Configuration : FailureKind.Status;

    public static string Reason(ArmRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = Text(exception.ArmMessage);
        switch (exception.Status)
        {
            case 403:
                // ARM names who was refused, what and where: "The client '…' with object id '…' does not have
                // authorization to perform action '…' over scope '…'"; fall back to what was asked. Reasons are cut at
                // 300 characters and the scope alone is ~130, so the role's definition id is left to docs/probes.md.
                var identity = ObjectId().Match(exception.ArmMessage) is { Success: true } id ? $"object id {id.Groups[1].Value}" : "the probe's identity";
                var action = Action().Match(exception.ArmMessage) is { Success: true } a ? a.Groups[1].Value : exception.Action;
                var scope = Scope().Match(exception.ArmMessage) is { Success: true } s ? s.Groups[1].Value : exception.ResourceId;
                var role = PlatformRoles.For(action);
                return $"permission: grant '{role.Name}' on {scope} to {identity}; ARM refused {action}";
            case 401:
                return $"credential: ARM rejected the probe's token ({Code(exception)}): {message}";
            case 404:
                return $"not found: {exception.ResourceId} does not exist ({Code(exception)}); check the resource group and the deployment output that names it";
            case 429:
                return $"throttled: ARM still answered 429 after the retries ({Code(exception)}) for {exception.Action} on {exception.ResourceId}; it clears by itself, alert only if it persists";
            default:
                return $"status: ARM answered {exception.Status} ({Code(exception)}) for {exception.Action} on {exception.ResourceId}: {message}";
        }
    }

    private static string Code(ArmRequestException exception) => exception.Code.Length > 0 ? exception.Code : "no error code";

    private static string Text(string message) => message.Length > 300 ? message[..300] + "…" : message;

    [GeneratedRegex(@"object id '([^']+)'")]
    private static partial Regex ObjectId();

    [GeneratedRegex(@"perform action '([^']+)'")]
    private static partial Regex Action();

    [GeneratedRegex(@"over scope '([^']+)'")]
    private static partial Regex Scope();
}
