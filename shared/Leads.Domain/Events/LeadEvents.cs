namespace Leads.Domain.Events;

// The lead's event family lives in one file on purpose: it is one vocabulary.

public sealed record LeadWasInitialized(long LeadId) : ILeadEvent;

public sealed record NameChanged(long LeadId, string Name) : ILeadEvent;

/// <summary>Email is stored lower-case; the phone keeps the caller's formatting and, beside it, its digits.</summary>
public sealed record ContactInfoChanged(long LeadId, string Email, string Phone, string PhoneDigits) : ILeadEvent;

public sealed record StatusChanged(long LeadId, LeadStatus Status) : ILeadEvent;

/// <summary>
/// A follow-up with the lead is due on <paramref name="FollowupOn"/>; set only while the lead is Follow-up. There is no
/// event that clears it: leaving Follow-up (a <see cref="StatusChanged"/> to another status) clears it, see
/// <see cref="LeadState.Evolve"/>. The date was nullable once, but no version of the decider ever stored a null.
/// </summary>
public sealed record FollowupSet(long LeadId, DateOnly FollowupOn) : ILeadEvent;

/// <summary>
/// The lead was forgotten: its data key was deleted, so its personal data in earlier events can no longer be read, and
/// every read model erases it. Carries the erasure receipt: what (fields, events as <c>Type@revision</c>), when, by
/// whom and why.
/// </summary>
public sealed record LeadForgotten(
    long LeadId,
    string Reason,
    DateTimeOffset ErasedAt,
    string ErasedBy,
    IReadOnlyList<string> ErasedFields,
    IReadOnlyList<string> ErasedEvents) : ILeadEvent;
