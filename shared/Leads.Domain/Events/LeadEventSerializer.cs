using System.Text.Json;

namespace Leads.Domain.Events;

/// <summary>
/// Writes and reads lead events under the names of <see cref="LeadEventTypes"/>. Unknown names are not lead events
/// (null), so readers can skip them; names written in the past are upcast to today's records.
/// </summary>
public static class LeadEventSerializer
{
    /// <summary>Names that were written in the past and are upcast to today's records.</summary>
    private static readonly Dictionary<string, Func<JsonElement, ILeadEvent>> Upcasters = new(StringComparer.Ordinal)
    {
        // v0 of contact info (before phone digits were stored): derive the digits on read.
        ["ContactInfoChanged"] = json => new ContactInfoChanged(
            json.GetProperty("leadId").GetInt64(),
            json.GetProperty("email").GetString() ?? "",
            json.GetProperty("phone").GetString() ?? "",
            Values.PhoneNumber.DigitsOf(json.GetProperty("phone").GetString() ?? "")),
    };

    public static byte[] Serialize(ILeadEvent e) => LeadEventTypes.Registration(e).Serialize(e);

    /// <summary>Reads a stored lead event; null when the name is not a lead event. Throws <see cref="JsonException"/> on corrupt data.</summary>
    public static ILeadEvent? Deserialize(string typeName, ReadOnlySpan<byte> data) =>
        LeadEventTypes.Named(typeName) is { } type ? type.Deserialize(data) : Upcast(typeName, data);

    public static bool IsLeadEvent(string typeName) => LeadEventTypes.Named(typeName) is not null || Upcasters.ContainsKey(typeName);

    private static ILeadEvent? Upcast(string typeName, ReadOnlySpan<byte> data)
    {
        if (!Upcasters.TryGetValue(typeName, out var upcast))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(data.ToArray());
        return upcast(doc.RootElement);
    }
}
