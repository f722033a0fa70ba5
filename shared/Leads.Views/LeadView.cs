using Leads.Domain;
using Leads.EventStore;

namespace Leads.Views;

/// <summary>
/// The current state of one lead as the query side serves it. Times are the events' recorded times:
/// <see cref="CreatedAt"/> of LeadWasInitialized, <see cref="UpdatedAt"/> of the last event.
/// </summary>
public sealed record LeadView
{
    /// <summary>
    /// The lead's fields as the domain folds them (<see cref="LeadState.Evolve"/>, one set of rules everywhere); the
    /// view adds revision, position and times. <see cref="LeadState.Forgotten"/> is not kept here: a view derives it from
    /// its stored fields (<see cref="Forgotten"/>), so every engine agrees on it.
    /// </summary>
    private LeadState State { get; init; } = LeadState.Initial;

    public long LeadId { get => State.LeadId; init => State = State with { LeadId = value }; }
    public bool Exists { get => State.Exists; init => State = State with { Exists = value }; }
    public string Name { get => State.Name; init => State = State with { Name = value }; }
    public string Email { get => State.Email; init => State = State with { Email = value }; }
    public string Phone { get => State.Phone; init => State = State with { Phone = value }; }
    public string PhoneDigits { get => State.PhoneDigits; init => State = State with { PhoneDigits = value }; }
    public LeadStatus? Status { get => State.Status; init => State = State with { Status = value }; }
    public DateOnly? FollowupOn { get => State.FollowupOn; init => State = State with { FollowupOn = value }; }

    /// <summary>The lead was forgotten: name, email and phone are erased. Derived from the stored fields, so every engine keeps it.</summary>
    public bool Forgotten => PersonalData.IsErased(Name) && PersonalData.IsErased(Email) && PersonalData.IsErased(Phone);

    /// <summary>The 0-based stream revision of the last event applied.</summary>
    public ulong Revision { get; init; }

    /// <summary>The global position of the last event applied.</summary>
    public GlobalPosition Position { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static LeadView Empty(long leadId) => new() { LeadId = leadId };

    public LeadState ToState() => State with { Forgotten = Forgotten };

    /// <summary>This view with the domain state's fields (the same <see cref="LeadState.Evolve"/> rules everywhere).</summary>
    public LeadView With(LeadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return this with { State = state with { LeadId = state.LeadId == 0 ? LeadId : state.LeadId, Forgotten = false } };
    }
}
