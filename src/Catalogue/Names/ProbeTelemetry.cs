namespace Provisioning.Catalogue;

/// <summary>How the probe appears in Application Insights; the deployment's alert queries filter on it.</summary>
public static class ProbeTelemetry
{
    /// <summary>
    /// cloud_RoleName of every availability result. The Functions worker overwrites the role name with the
    /// WEBSITE_CLOUD_ROLENAME app setting, so the deployment sets that setting to this value.
    /// </summary>
    public const string CloudRoleName = ProbeIdentity.Name;

    /// <summary>
    /// customDimensions.failureKind of a result the probe excused because its own scheduling delay decided it (the
    /// probe's FailureKind.Starved): it says nothing about the product, so the success criteria count it neither way.
    /// </summary>
    public const string StarvedFailureKind = "Starved";
}
