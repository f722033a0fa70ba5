using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Leads.Views;

/// <summary>
/// Keyset paging of ListFollowups by (follow-up date, lead id), shared by every view store. Opaque to callers:
/// base64url of "f1|due_from|due_to|last date|last lead id|check", so a token is refused for another date range, and the
/// check (a truncated hash of the rest) refuses a hand-edited one. The query service signs it on top.
/// </summary>
public static class FollowupPageToken
{
    private const string Date = "yyyy-MM-dd";

    public static string Encode(FollowupWindow window, DateOnly lastDate, long lastLeadId)
    {
        var body = string.Join('|', "f1", window.Key, Text(lastDate), lastLeadId.ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(body + "|" + Check(body)));
    }

    /// <summary>The (date, lead id) after which the next page starts; null for the first page.</summary>
    public static (DateOnly Date, long LeadId)? Decode(string? token, FollowupWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = LeadPageToken.Parts(token);
        if (parts.Length != 6 || parts[0] != "f1" || Check(string.Join('|', parts[..5])) != parts[5]
            || !DateOnly.TryParseExact(parts[3], Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var leadId))
        {
            throw new InvalidPageTokenException("page_token is not a token this listing issued");
        }

        if (parts[1] + "|" + parts[2] != window.Key)
        {
            throw new InvalidPageTokenException("page_token belongs to a listing with another due_from or due_to");
        }

        return (date, leadId);
    }

    /// <summary>The page of <paramref name="leads"/> read with one row more than <paramref name="pageSize"/> (that row says there is a next page).</summary>
    public static LeadPage Page(FollowupWindow window, List<LeadView> leads, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(leads);
        if (leads.Count <= pageSize)
        {
            return new LeadPage(leads, null);
        }

        leads.RemoveRange(pageSize, leads.Count - pageSize);
        var last = leads[^1];
        return new LeadPage(leads, Encode(window, last.FollowupOn!.Value, last.LeadId));
    }

    internal static string Text(DateOnly? date) => date is { } d ? d.ToString(Date, CultureInfo.InvariantCulture) : "";

    private static string Check(string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("leads-followups|" + body)), 0, 6);
}
