namespace Provisioning.Probes.Checks;

internal static class Urls
{
    /// <summary>Resolves a path against a base URL that may carry a path prefix of its own.</summary>
    public static Uri Combine(Uri baseUrl, string relative)
    {
        var text = baseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.TrimEnd('/') + "/" + relative.TrimStart('/'));
    }

    /// <summary>Compares what the frontend reports with what the probe was given, ignoring a trailing slash and case of the host.</summary>
    public static bool SameEndpoint(string reported, Uri expected) =>
        Uri.TryCreate(reported, UriKind.Absolute, out var actual)
        && Uri.Compare(actual, expected, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && string.Equals(actual.AbsolutePath.TrimEnd('/'), expected.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
}
