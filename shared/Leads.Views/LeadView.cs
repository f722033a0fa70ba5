using Leads.Domain;
using Leads.EventStore;

namespace Leads.Views;

/// <summary>
/// The current state of one lead as the query side serves it. Times are the events' recorded times:
/// <see cref="CreatedAt"/> of LeadWasInitialized, <see cref="UpdatedAt"/> of the last event.
/// </summary>
public sealed record LeadView
{
    public long LeadId { get; init; }
    public bool Exists { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Phone { get; init; } = "";
    public string PhoneDigits { get; init; } = "";
    public LeadStatus? Status { get; init; }
    public DateOnly? FollowupOn { get; init; }

    /// <summary>The lead was forgotten: name, email and phone are erased. Derived from the stored fields, so every engine keeps it.</summary>
    public bool Forgotten => PersonalData.IsErased(Name) && PersonalData.IsErased(Email) && PersonalData.IsErased(Phone);

    /// <summary>The 0-based stream revision of the last event applied.</summary>
    public ulong Revision { get; init; }

    /// <summary>The global position of the last event applied.</summary>
    public GlobalPosition Position { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static LeadView Empty(long leadId) => new() { LeadId = leadId };

    public LeadState ToState() => new()
    {
        Exists = Exists,
        LeadId = LeadId,
        Name = Name,
        Email = Email,
        Phone = Phone,
        PhoneDigits = PhoneDigits,
        Status = Status,
        FollowupOn = FollowupOn,
        Forgotten = Forgotten,
    };

    /// <summary>This view with the domain state's fields (the same <see cref="LeadState.Evolve"/> rules everywhere).</summary>
    public LeadView With(LeadState state) => this with
    {
        Exists = state.Exists,
        LeadId = state.LeadId == 0 ? LeadId : state.LeadId,
        Name = state.Name,
        Email = state.Email,
        Phone = state.Phone,
        PhoneDigits = state.PhoneDigits,
        Status = state.Status,
        FollowupOn = state.FollowupOn,
    };
}
