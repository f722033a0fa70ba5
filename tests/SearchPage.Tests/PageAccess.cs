namespace SearchPage.Tests;

/// <summary>
/// How a test opens the page as an agent: the one place that knows about access tokens. The page sends
/// <c>Authorization: Bearer</c> with every call when it has a token, taken from the address (<c>#token=...</c>). The
/// query service requires the role leads.read: <see cref="AgentToken"/> is a test token with it (the services run with
/// the test signing key, see <see cref="Leads.Testing.TestTokens"/>).
/// </summary>
public static class PageAccess
{
    /// <summary>A bearer token with the role leads.read, as an agent has.</summary>
    public static string? AgentToken { get; } = Leads.Testing.TestTokens.For([Leads.Security.LeadsRoles.Read], subject: "agent");

    /// <summary>The page's address with <paramref name="token"/> (default: <see cref="AgentToken"/>) in its fragment.</summary>
    public static string Url(Uri page, string? pathAndQuery = null, string? token = null)
    {
        var address = new Uri(page, pathAndQuery ?? "/").ToString();
        var bearer = token ?? AgentToken;
        return bearer is null ? address : address + "#token=" + Uri.EscapeDataString(bearer);
    }
}
