namespace Provisioning.Probes.Checks;

/// <summary>
/// Explains why a backend refused a token the probe minted correctly, from what the backend said. Reporting every
/// 401 as a key mismatch sent people rotating keys when the backend's clock was wrong.
/// </summary>
internal static class TokenRefusal
{
    public static string Explain(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var said = answer.Said();
        // Quote enough to recognise the message; the hint, judged on all of it, must still fit the one-line reason.
        var quote = said.Length > 100 ? said[..99] + "…" : said;
        return $"backend said \"{quote}\": {Hint(said)}";
    }

    private static string Hint(string said)
    {
        if (Has(said, "not yet valid") || Has(said, "immature") || Has(said, "(nbf)") || Has(said, "(iat)") || Has(said, "issued in the future"))
        {
            return $"the backend's clock runs behind the probe's (beyond 60 s leeway + {ProbeTokensBackdate} s backdating): fix its time sync, not the key";
        }
        if (Has(said, "expired"))
        {
            return "the backend's clock runs ahead of the probe's (or it ignores the 60 s leeway): fix its time sync, not the key";
        }
        if (Has(said, "signature"))
        {
            return "the probe's and the backend's JWT_SECRET_KEY differ";
        }
        if (Has(said, "audience"))
        {
            return "the backend expects another audience than todo-backend";
        }
        if (Has(said, "issuer"))
        {
            return "the backend does not accept iss todo-probe";
        }
        return "compare both JWT_SECRET_KEYs, the iss/aud the backend expects, and both clocks";
    }

    private static double ProbeTokensBackdate => Tokens.ProbeTokens.Backdate.TotalSeconds;

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
