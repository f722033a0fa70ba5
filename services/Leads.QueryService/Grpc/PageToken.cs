using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Leads.QueryService.Grpc;

/// <summary>
/// An opaque page token: the kind of listing, the scope it belongs to (a lead id or a status) and the key to continue
/// after. Callers treat it as opaque; a token that does not decode, or was issued for another listing, is
/// InvalidArgument naming <c>page_token</c>.
/// </summary>
internal readonly record struct PageToken(string Kind, long Scope, long After)
{
    private const int MaxLength = 200;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Scope}:{After}")));

    /// <summary>Null for an empty token (the first page).</summary>
    public static PageToken? Decode(string? token, string expectedKind, long expectedScope)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (token.Length > MaxLength || !TryDecode(token, out var decoded) || decoded.Kind != expectedKind || decoded.After < 0)
        {
            throw RpcErrors.InvalidArgument("page_token", "page_token is not a token this listing issued");
        }

        if (decoded.Scope != expectedScope)
        {
            throw RpcErrors.InvalidArgument("page_token", "page_token was issued for a different request: pass the same filter as the first page");
        }

        return decoded;
    }

    private static bool TryDecode(string token, out PageToken decoded)
    {
        decoded = default;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(bytes).Split(':');
        if (parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var scope)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return false;
        }

        decoded = new PageToken(parts[0], scope, after);
        return true;
    }
}
