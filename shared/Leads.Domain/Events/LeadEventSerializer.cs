using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leads.Domain.Events;

/// <summary>
/// The one type map between stored event names and event records. JSON with camelCase names; status stored as its
/// name so the stored data reads on its own. Unknown names are not lead events (null), so readers can skip them.
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

    public static byte[] Serialize(ILeadEvent e) => e switch
    {
        LeadWasInitialized x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.LeadWasInitialized),
        NameChanged x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.NameChanged),
        ContactInfoChanged x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.ContactInfoChanged),
        StatusChanged x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.StatusChanged),
        FollowupSet x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.FollowupSet),
        LeadForgotten x => JsonSerializer.SerializeToUtf8Bytes(x, LeadEventJsonContext.Default.LeadForgotten),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a registered lead event"),
    };

    /// <summary>Reads a stored lead event; null when the name is not a lead event. Throws <see cref="JsonException"/> on corrupt data.</summary>
    public static ILeadEvent? Deserialize(string typeName, ReadOnlySpan<byte> data)
    {
        ILeadEvent? e = typeName switch
        {
            LeadEventTypes.LeadWasInitialized => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.LeadWasInitialized),
            LeadEventTypes.NameChanged => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.NameChanged),
            LeadEventTypes.ContactInfoChanged => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.ContactInfoChanged),
            LeadEventTypes.StatusChanged => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.StatusChanged),
            LeadEventTypes.FollowupSet => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.FollowupSet),
            LeadEventTypes.LeadForgotten => JsonSerializer.Deserialize(data, LeadEventJsonContext.Default.LeadForgotten),
            _ => Upcast(typeName, data),
        };
        return e;
    }

    public static bool IsLeadEvent(string typeName) =>
        typeName is LeadEventTypes.LeadWasInitialized or LeadEventTypes.NameChanged or LeadEventTypes.ContactInfoChanged
            or LeadEventTypes.StatusChanged or LeadEventTypes.FollowupSet or LeadEventTypes.LeadForgotten || Upcasters.ContainsKey(typeName);

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

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LeadWasInitialized))]
[JsonSerializable(typeof(NameChanged))]
[JsonSerializable(typeof(ContactInfoChanged))]
[JsonSerializable(typeof(StatusChanged))]
[JsonSerializable(typeof(FollowupSet))]
[JsonSerializable(typeof(LeadForgotten))]
internal sealed partial class LeadEventJsonContext : JsonSerializerContext;
