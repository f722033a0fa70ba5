using System.CommandLine;
using Leads.Security;

namespace Leads.Cli.Shell;

/// <summary>
/// The bearer token the CLI's calls carry: <c>--token</c>, else <c>LEADS_TOKEN</c>, else one minted on the spot with
/// every role from the development key in <c>--data-dir</c> (the embedded default's <c>auth-signing.key</c>), for the
/// local user, valid for an hour. With none of these the call goes without a token and the service says Unauthenticated.
/// </summary>
internal static class CallerToken
{
    public static Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token for every call (default: LEADS_TOKEN, else minted from the development key in --data-dir)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEADS_TOKEN"),
    };

    public static Option<string> DataDirectory { get; } = new("--data-dir")
    {
        Description = "The embedded default's data directory, holding the development signing key (default: LEADS_DATA_DIR, else .data)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEADS_DATA_DIR") is { Length: > 0 } d ? d : ".data",
    };

    /// <param name="subject">Who a minted token names (default: the local user); a given token is used as it is.</param>
    public static string? Resolve(ParseResult parse, string? subject = null)
    {
        if (parse.GetValue(Token) is { Length: > 0 } given)
        {
            return given.Trim();
        }

        return DevelopmentSigningKey.TryLoad(Path.GetFullPath(parse.GetValue(DataDirectory)!)) is { } key
            ? LeadsTokens.Mint(key, subject ?? LocalUser, LeadsRoles.All, TimeSpan.FromHours(1))
            : null;
    }


    public static string LocalUser => Environment.UserName is { Length: > 0 } user ? user : "leads-cli";
}
