using Leads.Domain.Events;

namespace Leads.Domain;

/// <summary>The current state of a lead: a fold of its events with <see cref="Evolve"/>. Immutable.</summary>
public sealed record LeadState
{
    public static LeadState Initial { get; } = new();

    public bool Exists { get; init; }
    public long LeadId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Phone { get; init; } = "";
    public string PhoneDigits { get; init; } = "";
    public LeadStatus? Status { get; init; }
    public DateOnly? FollowupOn { get; init; }

    /// <summary>The lead was forgotten: its personal data reads as <see cref="PersonalData.Erased"/> and it takes no more commands.</summary>
    public bool Forgotten { get; init; }

    /// <summary>
    /// Applies one event. Leaving Follow-up clears the follow-up date here, so every reader of the events (the command
    /// side, views, time travel) agrees on it without a separate event.
    /// </summary>
    public static LeadState Evolve(LeadState state, ILeadEvent e) => e switch
    {
        LeadWasInitialized x => state with { Exists = true, LeadId = x.LeadId },
        NameChanged x => state with { Name = x.Name },
        ContactInfoChanged x => state with { Email = x.Email, Phone = x.Phone, PhoneDigits = x.PhoneDigits },
        StatusChanged x => state with
        {
            Status = x.Status,
            FollowupOn = x.Status == LeadStatus.FollowUp ? state.FollowupOn : null,
        },
        FollowupSet x => state with { FollowupOn = x.FollowupOn },
        LeadForgotten => state with
        {
            Forgotten = true,
            Name = PersonalData.Erased,
            Email = PersonalData.Erased,
            Phone = PersonalData.Erased,
            PhoneDigits = "",
        },
        _ => state,
    };

    public static LeadState Fold(IEnumerable<ILeadEvent> events) => events.Aggregate(Initial, Evolve);
}
