using Leads.Domain;
using Leads.EventStore;

namespace Leads.Search;

/// <summary>
/// A lead as search sees it: its current name, contact and status, and every name, email and phone it ever had (each
/// once, marked current or historical, in the order first seen). <see cref="Position"/> and <see cref="Revision"/>
/// are those of the last event applied: an event at or below <see cref="Position"/> is already in the document.
/// </summary>
public sealed record LeadSearchDocument(long LeadId)
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Phone { get; init; } = "";
    public string PhoneDigits { get; init; } = "";
    public LeadStatus? Status { get; init; }

    public IReadOnlyList<KnownValue> Names { get; init; } = [];
    public IReadOnlyList<KnownValue> Emails { get; init; } = [];

    /// <summary>Phones keyed by their digits: the same digits written differently are one phone.</summary>
    public IReadOnlyList<KnownValue> Phones { get; init; } = [];

    public GlobalPosition Position { get; init; }
    public ulong Revision { get; init; }

    /// <summary>Value equality, lists included (a record compares lists by reference).</summary>
    public bool Equals(LeadSearchDocument? other) =>
        other is not null
        && LeadId == other.LeadId && Name == other.Name && Email == other.Email && Phone == other.Phone
        && PhoneDigits == other.PhoneDigits && Status == other.Status && Position == other.Position
        && Revision == other.Revision
        && Names.SequenceEqual(other.Names) && Emails.SequenceEqual(other.Emails) && Phones.SequenceEqual(other.Phones);

    public override int GetHashCode() => HashCode.Combine(LeadId, Position, Revision);
}
