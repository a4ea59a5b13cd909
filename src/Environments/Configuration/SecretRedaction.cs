using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// The one place that decides whether a user value may be echoed in an error. A value that looks like a secret
/// (an <c>sk-…</c> key, a JWT, a connection string or URL with a password, a long high-entropy string) is never
/// repeated: the message names its length and the expected form instead.
/// </summary>
public static partial class SecretRedaction
{
    /// <summary>Longest value echoed verbatim; longer ones are cut (a huge value helps no one in an error).</summary>
    public const int MaxEcho = 80;

    /// <summary>The value as it may appear inside an error message: quoted, or a redaction note.</summary>
    public static string Describe(string? value, bool quote = true)
    {
        if (value is null)
        {
            return "null";
        }
        if (LooksSecret(value))
        {
            return string.Create(CultureInfo.InvariantCulture, $"<a value that looks like a secret ({value.Length} characters), not shown>");
        }
        var shown = value.Length > MaxEcho ? value[..MaxEcho] + "…" : value;
        return quote ? "'" + shown + "'" : shown;
    }

    /// <summary>The text with every secret-shaped token replaced by a redaction note.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = SkKey().Replace(text, "<redacted key>");
        text = Jwt().Replace(text, "<redacted token>");
        text = UrlPassword().Replace(text, m => m.Groups["scheme"].Value + "<user>:<redacted password>@");
        text = KeyValuePassword().Replace(text, m => m.Groups["key"].Value + "=<redacted password>");
        return Token().Replace(text, m => IsHighEntropy(m.Value) ? "<redacted high-entropy value>" : m.Value);
    }

    /// <summary>Whether <paramref name="value"/> contains anything secret-shaped.</summary>
    public static bool LooksSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SkKey().IsMatch(value) || Jwt().IsMatch(value) || UrlPassword().IsMatch(value) || KeyValuePassword().IsMatch(value)
            || Token().Matches(value).Any(m => IsHighEntropy(m.Value));
    }

    /// <summary>The secret-shaped fragments of <paramref name="text"/> (for scanners).</summary>
    public static IEnumerable<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var r in new[] { SkKey(), Jwt(), UrlPassword(), KeyValuePassword() })
        {
            foreach (Match m in r.Matches(text))
            {
                yield return m.Value;
            }
        }
        foreach (Match m in Token().Matches(text))
        {
            if (IsHighEntropy(m.Value))
            {
                yield return m.Value;
            }
        }
    }

    /// <summary>
    /// A long random-looking token: at least 32 characters with upper case, lower case and digits, and more than
    /// 4.2 bits of entropy per character, with at least 3 digits (base64 of random bytes has close to 6; words, paths and GUIDs fall below).
    /// </summary>
    public static bool IsHighEntropy(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length < 32 || !token.Any(char.IsUpper) || !token.Any(char.IsLower) || token.Count(char.IsDigit) < 3)
        {
            return false;
        }
        // Paths and resource IDs (segments between '/' or '-' are words or GUID parts) are not random: a secret has a
        // long run without separators that mixes upper case, lower case and digits.
        var mixedRun = token.Split('/', '-').Any(run => run.Length >= 16 && run.Any(char.IsUpper) && run.Any(char.IsLower) && run.Any(char.IsDigit));
        if (!mixedRun)
        {
            return false;
        }
        var entropy = token.GroupBy(c => c).Sum(g =>
        {
            var p = (double)g.Count() / token.Length;
            return -p * Math.Log2(p);
        });
        return entropy > 4.2;
    }

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}")]
    private static partial Regex SkKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)[^\s:/@'""]+:[^\s@'""]+@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd)\s*)=\s*[^;\s'""]+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"[A-Za-z0-9+/=_\-]{32,}")]
    private static partial Regex Token();
}
