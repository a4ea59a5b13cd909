namespace Provisioning.Database.Configuration;

/// <summary>
/// Masks a known credential in text that is about to be printed: every occurrence of the whole value, and nothing
/// that merely contains it. An occurrence counts when neither neighbour is a letter or a digit, so a password "p"
/// is masked in "password p rejected" or ":p@" but "port" stays "port". A value that is part of a longer word is
/// not that credential being shown; masking it would garble messages (and hint at the password) without protecting it.
/// </summary>
public static class CredentialMask
{
    public const string Mask = "***";

    public static string Apply(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(secret))
        {
            return text;
        }
        var result = new System.Text.StringBuilder(text.Length);
        var from = 0;
        for (var at = text.IndexOf(secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
        {
            if (at < from)
            {
                continue;
            }
            var end = at + secret.Length;
            var whole = (at == 0 || !char.IsLetterOrDigit(text[at - 1]) || !char.IsLetterOrDigit(secret[0]))
                && (end == text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(secret[^1]));
            if (whole)
            {
                result.Append(text, from, at - from).Append(Mask);
                from = end;
            }
        }
        return result.Append(text, from, text.Length - from).ToString();
    }

    /// <summary><see cref="Apply(string, string?)"/> for each secret, longest first (a URL before the password inside it).</summary>
    public static string Apply(string text, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).OrderByDescending(s => s!.Length))
        {
            text = Apply(text, secret);
        }
        return text;
    }
}
