using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Leads.Domain;

namespace Leads.Views;

/// <summary>
/// Keyset paging by (status, lead id), shared by every view store. The token is opaque to callers: base64url of
/// "v1|status|last lead id|check", where the check is a truncated hash of the rest so a hand-edited token is refused.
/// </summary>
public static class LeadPageToken
{
    public const int MaxPageSize = 500;

    public static void ValidatePageSize(int pageSize)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"page_size must be 1 to {MaxPageSize} (got {pageSize})");
        }
    }

    public static string Encode(LeadStatus? status, long afterLeadId)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"v1|{(int?)status ?? 0}|{afterLeadId}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(body + "|" + Check(body)));
    }

    /// <summary>The lead id after which the next page starts (0 for the first page).</summary>
    public static long Decode(string? token, LeadStatus? status)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        var parts = Parts(token);
        if (parts.Length != 4 || parts[0] != "v1" || Check(string.Join('|', parts[..3])) != parts[3]
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tokenStatus)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            throw new InvalidPageTokenException("page_token is not a token this listing issued");
        }

        if (tokenStatus != ((int?)status ?? 0))
        {
            throw new InvalidPageTokenException("page_token belongs to a listing with another status filter");
        }

        return after;
    }

    private static string Check(string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("leads-page|" + body)), 0, 6);

    /// <summary>The '|'-separated parts of a token's text; a token that is not base64url of UTF-8 (or too long) is refused.</summary>
    internal static string[] Parts(string token)
    {
        try
        {
            return (token.Length <= 200 ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : throw new FormatException()).Split('|');
        }
        catch (FormatException)
        {
            throw new InvalidPageTokenException("page_token is not a token this listing issued");
        }
    }
}
