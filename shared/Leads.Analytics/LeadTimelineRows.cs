using System.Text.Json;
using System.Text.Json.Serialization;
using Leads.Domain;

namespace Leads.Analytics;

/// <summary>
/// A timeline as the rows of the documented tables (<c>leads</c>, <c>status_intervals</c>, <c>followups</c>,
/// <c>lead_activity</c>), the same for every engine, and the timeline itself as JSON (the projector's working state,
/// kept beside the rows so a batch loads it in one read).
/// </summary>
public static class LeadTimelineRows
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        IgnoreReadOnlyProperties = true,
    };

    public static string ToJson(LeadTimeline timeline) => JsonSerializer.Serialize(timeline, Json);

    public static LeadTimeline FromJson(string json) =>
        JsonSerializer.Deserialize<LeadTimeline>(json, Json) ?? throw new JsonException("an empty lead timeline");

    public static LeadRow Lead(LeadTimeline t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var converted = t.FirstEntered(LeadStatus.Converted);
        return new LeadRow(t.LeadId, t.CreatedAt, Day(t.CreatedAt), Name(t.Status), t.Intervals.Count > 0 ? t.Intervals[^1].Start : null, t.Forgotten,
            t.FirstEntered(LeadStatus.FollowUp), converted, Day(converted), t.FirstEntered(LeadStatus.Closed), t.Reopenings,
            converted is { } c && t.CreatedAt is { } created ? (c - created).TotalSeconds : null);
    }

    public static string? Name(LeadStatus? status) => status?.ToString();

    public static LeadStatus Status(string name) => Enum.Parse<LeadStatus>(name);

    public static DateOnly? Day(DateTimeOffset? time) => time is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;
}

/// <summary>A row of <c>leads</c>.</summary>
public sealed record LeadRow(
    long LeadId,
    DateTimeOffset? CreatedAt,
    DateOnly? CreatedDay,
    string? Status,
    DateTimeOffset? StatusSince,
    bool Forgotten,
    DateTimeOffset? FirstFollowupAt,
    DateTimeOffset? ConvertedAt,
    DateOnly? ConvertedDay,
    DateTimeOffset? ClosedAt,
    int Reopenings,
    double? SecondsToConversion);
