namespace Provisioning.Bicep.State;

/// <summary>
/// A property Azure fixes when the resource is created (or lets change in one direction only), declared by the typed
/// resource that prints it. <see cref="Path"/> is the body path as printed (<c>properties.backup.geoRedundantBackup</c>,
/// <c>kind</c>, <c>location</c>); <see cref="Default"/> (compact JSON) stands for the property when it is not printed,
/// so that "omitted" and "explicitly the default" compare equal.
/// </summary>
public sealed record CreateOnlyProperty(string Path, ChangeRule Rule, string Reason, string Source)
{
    public string? Default { get; init; }

    public static CreateOnlyProperty Immutable(string path, string reason, string source, string? defaultJson = null) =>
        new(path, ChangeRule.Immutable, reason, source) { Default = defaultJson };

    public static CreateOnlyProperty OneWay(string path, Transition[] allowed, string reason, string source, string? defaultJson = null) =>
        new(path, new OneWayRule([.. allowed]), reason, source) { Default = defaultJson };

    public static CreateOnlyProperty GrowOnly(string path, string reason, string source) =>
        new(path, ChangeRule.GrowOnly, reason, source);

    /// <summary>Every resource with a location: ARM refuses a PUT that names another region for an existing resource.</summary>
    public static CreateOnlyProperty Location { get; } = Immutable(
        "location",
        "A resource stays in the region it was created in; moving it to another region means creating a new one there.",
        "Microsoft Learn: \"Move operation support by resource type\" (region moves re-create resources); Azure.ResourceManager StorageAccountCreateOrUpdateContent.Location (\"The geo region of a resource cannot be changed once it is created\")");
}
