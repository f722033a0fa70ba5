using System.Globalization;

namespace Leads.Domain;

/// <summary>The one place that names a lead's stream: <c>lead-&lt;id&gt;</c>.</summary>
public static class LeadStream
{
    public const string Prefix = "lead-";

    public static string Name(long leadId) => Prefix + leadId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseId(string streamId, out long leadId)
    {
        leadId = 0;
        return streamId.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(streamId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out leadId)
            && leadId > 0;
    }
}
