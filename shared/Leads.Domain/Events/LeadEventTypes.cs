using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Leads.Domain.Events;

/// <summary>
/// The one registration table of lead events: each event record with the stable name it is stored under and whether
/// it carries personal data (sealed with the lead's key). A new event is its record in <c>LeadEvents.cs</c> and one
/// line here (a constant and its row); the serializer, the type map, the key codec and the readers all go by this table. Names never change once written; a new shape of an event gets a new versioned
/// name and the old one is upcast on read (see <see cref="LeadEventSerializer"/>).
/// </summary>
public static class LeadEventTypes
{
    public const string LeadWasInitialized = "LeadWasInitialized.v1";
    public const string NameChanged = "NameChanged.v1";
    public const string ContactInfoChanged = "ContactInfoChanged.v1";
    public const string StatusChanged = "StatusChanged.v1";
    public const string FollowupSet = "FollowupSet.v1";
    public const string LeadForgotten = "LeadForgotten.v1";

    /// <summary>
    /// How events are written: camelCase names, statuses by name (so the stored data reads on its own), nullability and
    /// constructor parameters respected (a missing field is corrupt data, never a default).
    /// </summary>
    internal static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly LeadEventType[] Table =
    [
        Register<Events.LeadWasInitialized>(LeadWasInitialized),
        Register<Events.NameChanged>(NameChanged, personalData: true),
        Register<Events.ContactInfoChanged>(ContactInfoChanged, personalData: true),
        Register<Events.StatusChanged>(StatusChanged),
        Register<Events.FollowupSet>(FollowupSet),
        Register<Events.LeadForgotten>(LeadForgotten),
    ];

    private static readonly Dictionary<Type, LeadEventType> ByRecord = Table.ToDictionary(t => t.Record);
    private static readonly Dictionary<string, LeadEventType> ByName = Table.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every version of the events with personal data, by the name people read ("NameChanged").</summary>
    private static readonly HashSet<string> WithPersonalData = Table.Where(t => t.PersonalData).Select(t => DisplayName(t.Name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every stored name of today's events, in the order of the table.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Whether events stored under <paramref name="typeName"/> (any version of it) hold personal data.</summary>
    public static bool CarriesPersonalData(string typeName) => WithPersonalData.Contains(DisplayName(typeName));

    public static string Of(ILeadEvent e) => Registration(e).Name;

    /// <summary>The name without its version suffix, as people read it ("StatusChanged").</summary>
    public static string DisplayName(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var dot = typeName.LastIndexOf(".v", StringComparison.Ordinal);
        return dot > 0 ? typeName[..dot] : typeName;
    }

    internal static LeadEventType Registration(ILeadEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ByRecord.TryGetValue(e.GetType(), out var type)
            ? type
            : throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a registered lead event");
    }

    internal static LeadEventType? Named(string typeName) => ByName.GetValueOrDefault(typeName);

    private static LeadEventType Register<TEvent>(string name, bool personalData = false)
        where TEvent : ILeadEvent =>
        new(name, typeof(TEvent), Json.GetTypeInfo(typeof(TEvent)), personalData);
}

/// <summary>One row of <see cref="LeadEventTypes"/>: a stored name, its record and how it is written and read.</summary>
internal sealed record LeadEventType(string Name, Type Record, JsonTypeInfo TypeInfo, bool PersonalData)
{
    public byte[] Serialize(ILeadEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, TypeInfo);

    public ILeadEvent? Deserialize(ReadOnlySpan<byte> data) => (ILeadEvent?)JsonSerializer.Deserialize(data, TypeInfo);
}
