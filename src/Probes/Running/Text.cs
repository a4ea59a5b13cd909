namespace Provisioning.Probes.Running;

/// <summary>Keeps reasons to one readable line: alerts and tables show them whole.</summary>
internal static class Text
{
    public const int MaxLength = 300;

    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= MaxLength ? flat : flat[..(MaxLength - 1)] + "…";
    }
}
