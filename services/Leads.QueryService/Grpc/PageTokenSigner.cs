using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Leads.ServiceDefaults.Security;

namespace Leads.QueryService.Grpc;

/// <summary>
/// Signs the page tokens this service hands out (<c>token.mac</c>: an HMAC-SHA256 under a key derived from the signing
/// key setup, <see cref="DerivedKeys"/>, truncated to 128 bits) and opens only tokens it signed: an edited or forged
/// token is InvalidArgument naming <c>page_token</c>, never another page. Replicas on one signing key accept each
/// other's tokens.
/// </summary>
internal sealed class PageTokenSigner(DerivedKeys keys)
{
    private const int MacBytes = 16;
    private readonly byte[] _key = keys.For("page-tokens/v1");

    /// <summary>The token with its signature; empty stays empty (no next page).</summary>
    public string Sign(string? token) =>
        string.IsNullOrEmpty(token) ? "" : token + "." + Base64Url.EncodeToString(Mac(token));

    /// <summary>The token as it was issued (empty for the first page), or InvalidArgument when it was not signed here.</summary>
    public string Open(string? signed)
    {
        if (string.IsNullOrEmpty(signed))
        {
            return "";
        }

        var dot = signed.LastIndexOf('.');
        if (dot > 0 && signed.Length <= 400)
        {
            var token = signed[..dot];
            Span<byte> mac = stackalloc byte[MacBytes];
            // TryDecode throws on a character outside the alphabet (its "try" is about the length): check first.
            var encoded = signed.AsSpan(dot + 1);
            if (Base64Url.IsValid(encoded, out var length) && length == MacBytes
                && Base64Url.TryDecodeFromChars(encoded, mac, out var written) && written == MacBytes
                && CryptographicOperations.FixedTimeEquals(mac, Mac(token)))
            {
                return token;
            }
        }

        throw RpcErrors.InvalidArgument("page_token", "page_token is not a token this listing issued (it was changed or forged)");
    }

    private byte[] Mac(string token) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token))[..MacBytes];
}
