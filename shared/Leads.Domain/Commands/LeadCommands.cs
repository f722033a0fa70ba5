using Leads.Domain.Events;

namespace Leads.Domain.Commands;

// The lead's commands live in one file: with ILeadCommand they are one vocabulary. Fields are raw caller input;
// LeadDecider validates them, so every rule is a domain specification.

/// <summary>A request to change one lead, with the event types it genuinely conflicts with.</summary>
public interface ILeadCommand
{
    long LeadId { get; }

    /// <summary>
    /// Events that, appended by someone else after the revision the caller saw, make this command's decision stale.
    /// Anything else is re-decided on the new state and appended (a rebase).
    /// </summary>
    IReadOnlySet<string> ConflictsWith { get; }
}

public sealed record InitializeLead(long LeadId, string Name, string Email, string Phone) : ILeadCommand
{
    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string>
    {
        LeadEventTypes.LeadWasInitialized, LeadEventTypes.NameChanged, LeadEventTypes.ContactInfoChanged,
        LeadEventTypes.StatusChanged, LeadEventTypes.FollowupSet,
    };

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}

public sealed record ChangeName(long LeadId, string Name) : ILeadCommand
{
    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string> { LeadEventTypes.NameChanged };

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}

public sealed record ChangeContactInfo(long LeadId, string Email, string Phone) : ILeadCommand
{
    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string> { LeadEventTypes.ContactInfoChanged };

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}

public sealed record ChangeStatus(long LeadId, LeadStatus Status) : ILeadCommand
{
    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string> { LeadEventTypes.StatusChanged, LeadEventTypes.FollowupSet };

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}

/// <summary><paramref name="FollowupOn"/> is the caller's text, an ISO date yyyy-mm-dd.</summary>
public sealed record SetFollowup(long LeadId, string FollowupOn) : ILeadCommand
{
    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string> { LeadEventTypes.StatusChanged, LeadEventTypes.FollowupSet };

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}

/// <summary>
/// Forget the lead (the right to be forgotten). <paramref name="Reason"/> is the caller's text (1 to 500 characters);
/// when, by whom and which events are filled in by the service from the key store's erasure and the stream.
/// </summary>
public sealed record ForgetLead(long LeadId, string Reason, DateTimeOffset ErasedAt, string ErasedBy, IReadOnlyList<string> ErasedEvents) : ILeadCommand
{
    public const int MaxReasonLength = Values.ErasureReason.MaxLength;

    private static readonly IReadOnlySet<string> Conflicts = new HashSet<string>();

    public IReadOnlySet<string> ConflictsWith => Conflicts;
}
