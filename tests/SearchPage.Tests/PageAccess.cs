namespace SearchPage.Tests;

/// <summary>
/// How a test opens the page as an agent: the one place that knows about access tokens. The page sends
/// <c>Authorization: Bearer</c> with every call when it has a token, taken from the address (<c>#token=...</c>). The
/// query service asks for none yet, so <see cref="AgentToken"/> is null; once it requires the role leads.read, return
/// a token with that role here (and one without it for the 403 state).
/// </summary>
public static class PageAccess
{
    /// <summary>A bearer token with the role leads.read, or null while the query service needs none.</summary>
    public static string? AgentToken => null;

    /// <summary>The page's address with <paramref name="token"/> (default: <see cref="AgentToken"/>) in its fragment.</summary>
    public static string Url(Uri page, string? pathAndQuery = null, string? token = null)
    {
        var address = new Uri(page, pathAndQuery ?? "/").ToString();
        var bearer = token ?? AgentToken;
        return bearer is null ? address : address + "#token=" + Uri.EscapeDataString(bearer);
    }
}
