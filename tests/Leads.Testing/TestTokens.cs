using Grpc.Net.Client;
using Leads.Security;

namespace Leads.Testing;

/// <summary>
/// Bearer tokens for tests. <see cref="ServiceProcess"/> starts every service with <see cref="SigningKeyBase64"/> as
/// <c>Auth:SigningKey</c>, so tokens minted here are accepted; its <c>Channel</c> carries <see cref="AllRoles"/>.
/// </summary>
public static class TestTokens
{
    /// <summary>A fixed HS256 key for tests only (never for a deployment).</summary>
    public const string SigningKeyBase64 = "1WeipXrGGB/tKKkpKR3onhnWgI2IjwUwCTlHiVNCzSukhHPGTIdoZoeBjsbHnObj";

    public const string Subject = "test-suite";

    public static byte[] SigningKey { get; } = Convert.FromBase64String(SigningKeyBase64);

    /// <summary>A token with every role (write, read, admin), valid for a day, for <see cref="Subject"/>.</summary>
    public static string AllRoles { get; } = For(LeadsRoles.All);

    /// <summary>A token with exactly <paramref name="roles"/>, signed with the test key unless another <paramref name="key"/> is given.</summary>
    public static string For(
        IEnumerable<string> roles,
        string subject = Subject,
        TimeSpan? lifetime = null,
        byte[]? key = null,
        string issuer = AuthSettings.DefaultIssuer,
        string audience = AuthSettings.DefaultAudience,
        DateTime? issuedAt = null) =>
        LeadsTokens.Mint(key ?? SigningKey, subject, roles, lifetime ?? TimeSpan.FromDays(1), issuer, audience, issuedAt);

    /// <summary>A channel to <paramref name="address"/> that sends <paramref name="token"/>, or no token when null. The caller disposes it.</summary>
    public static GrpcChannel Channel(Uri address, string? token)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (token is not null)
        {
            handler = new BearerTokenHandler(token, handler);
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
