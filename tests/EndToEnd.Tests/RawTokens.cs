using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>Hand-built JWTs for cases the minting helper refuses to make: unsigned (<c>alg: none</c>) and a <c>roles</c> claim.</summary>
public static class RawTokens
{
    public static string Unsigned(IEnumerable<string> roles) =>
        $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(Payload("role", roles))}.";

    public static string WithRolesClaim(IEnumerable<string> roles)
    {
        var unsigned = $"{Encode(new { alg = "HS256", typ = "JWT" })}.{Encode(Payload("roles", roles))}";
        var signature = HMACSHA256.HashData(TestTokens.SigningKey, Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static Dictionary<string, object> Payload(string roleClaim, IEnumerable<string> roles)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = "leads",
            ["aud"] = "leads",
            ["sub"] = TestTokens.Subject,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            [roleClaim] = roles.ToArray(),
        };
    }

    private static string Encode(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
