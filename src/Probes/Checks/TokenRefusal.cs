namespace Provisioning.Probes.Checks;

/// <summary>
/// Explains why a backend refused a token, from what the backend said. Reporting every 401 as a key mismatch sent
/// people rotating keys when the backend's clock was wrong. The same rules serve the probe's own tokens and the MCP
/// server's (reported back through the MCP hop), so both name the cause in the same words.
/// </summary>
internal static class TokenRefusal
{
    /// <summary>Who minted the refused token: the words of the hints depend on it.</summary>
    internal sealed record Issuer(string Possessive, string Iss, TimeSpan Backdate)
    {
        public static Issuer Probe { get; } = new("the probe's", Tokens.ProbeTokens.Issuer, Tokens.ProbeTokens.Backdate);

        /// <summary>The contract's MCP server: iss todo-mcp, backdating as every issuer should (docs/contract.md).</summary>
        public static Issuer Mcp { get; } = new("the MCP server's", "todo-mcp", Tokens.ProbeTokens.Backdate);
    }

    public static string Explain(HttpAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Explain(answer.Said(), Issuer.Probe);
    }

    public static string Explain(string said, Issuer issuer)
    {
        ArgumentNullException.ThrowIfNull(said);
        ArgumentNullException.ThrowIfNull(issuer);
        // Quote enough to recognise the message; the hint, judged on all of it, must still fit the one-line reason.
        var quote = said.Length > 100 ? said[..99] + "…" : said;
        return $"backend said \"{quote}\": {Hint(said, issuer)}";
    }

    /// <summary>Whether a message reads as a token refusal (as opposed to a connection or server failure).</summary>
    public static bool IsRefusal(string said) =>
        Has(said, " 401") || Has(said, "401 ") || Has(said, " 403") || Has(said, "unauthorized") || Has(said, "forbidden")
        || Has(said, "token") || Has(said, "not authenticated") || Has(said, "signature") || Has(said, "audience") || Has(said, "expired");

    public static string Hint(string said, Issuer issuer)
    {
        if (Has(said, "not yet valid") || Has(said, "immature") || Has(said, "(nbf)") || Has(said, "(iat)") || Has(said, "issued in the future"))
        {
            return $"the backend's clock runs behind {issuer.Possessive} (beyond 60 s leeway + {issuer.Backdate.TotalSeconds} s backdating): fix its time sync, not the key";
        }
        if (Has(said, "expired"))
        {
            return $"the backend's clock runs ahead of {issuer.Possessive} (or it ignores the 60 s leeway): fix its time sync, not the key";
        }
        if (Has(said, "signature"))
        {
            return $"{issuer.Possessive} and the backend's JWT_SECRET_KEY differ";
        }
        if (Has(said, "audience"))
        {
            return $"{issuer.Possessive} token is not for the audience the backend expects (todo-backend on both sides)";
        }
        if (Has(said, "issuer"))
        {
            return $"the backend does not accept iss {issuer.Iss}";
        }
        if (Has(said, "missing") || Has(said, "not authenticated") || Has(said, "no token") || Has(said, "no bearer"))
        {
            return $"{issuer.Possessive} request carried no bearer token: it must send Authorization: Bearer <token> signed with JWT_SECRET_KEY";
        }
        if (Has(said, "403") || Has(said, "forbidden"))
        {
            return $"{issuer.Possessive} token names another user than the path: its sub must be the user_id it acts for";
        }
        return $"compare both JWT_SECRET_KEYs, the iss/aud the backend expects ({issuer.Iss}, todo-backend), and both clocks";
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
