namespace Leads.Views;

/// <summary>The ordered status changes of one lead, for BI and the lead's timeline.</summary>
public sealed record StatusLog(long LeadId, IReadOnlyList<StatusLogEntry> Entries)
{
    public static StatusLog Empty(long leadId) => new(leadId, []);

    public StatusLog Append(StatusLogEntry entry) => this with { Entries = [.. Entries, entry] };

    public bool Equals(StatusLog? other) =>
        other is not null && LeadId == other.LeadId && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => HashCode.Combine(LeadId, Entries.Count);
}
