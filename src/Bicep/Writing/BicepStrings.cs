using System.Globalization;
using System.Text;

namespace Provisioning.Bicep.Writing;

/// <summary>
/// Escaping of text inside Bicep single-quoted strings. Every string must compile back to exactly itself,
/// including values that come from configuration files, so this is a correctness and security boundary.
/// </summary>
public static class BicepStrings
{
    /// <summary>Escapes <paramref name="text"/> for use between single quotes (or as a text segment of an interpolation).</summary>
    /// <exception cref="ArgumentException">The text holds a lone UTF-16 surrogate, which no file encoding can carry.</exception>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                // Only "${" starts an interpolation; a lone '$' is plain text.
                case '$' when i + 1 < text.Length && text[i + 1] == '{': builder.Append(@"\$"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new ArgumentException(
                            $"The string contains a lone UTF-16 surrogate (U+{(int)c:X4}) at index {i}; it cannot be written to a Bicep file.",
                            nameof(text));
                    }
                    else if (char.IsControl(c) || IsInvisibleSeparator(c))
                    {
                        // Control characters are legal in Bicep strings only when escaped; escaping the
                        // invisible separators too keeps the generated files reviewable.
                        builder.Append(@"\u{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>The quoted literal, e.g. <c>'it\'s'</c>.</summary>
    public static string Quote(string text) => "'" + Escape(text) + "'";

    private static bool IsInvisibleSeparator(char c) => c is '\u2028' or '\u2029' or '\u0085' or '\uFEFF';
}
