using Leads.Domain.Events;

namespace Leads.Domain;

/// <summary>What <see cref="ConcurrencyCheck.Decide"/> made of a command sent at the revision its caller saw.</summary>
public abstract record CommandDecision
{
    private CommandDecision()
    {
    }

    /// <summary>
    /// The events to append (none: a no-op). <paramref name="Rebased"/>: the caller had missed events, none of them in
    /// conflict, and the command was decided on the current state.
    /// </summary>
    public sealed record Accepted(IReadOnlyList<ILeadEvent> Events, bool Rebased) : CommandDecision;

    /// <summary>Bad input, a lead that does not exist, a rule that forbids it, or an impossible expected revision.</summary>
    public sealed record Refused(DomainError Error) : CommandDecision;

    /// <summary>Events after <paramref name="ExpectedRevision"/> that the command conflicts with, in stream order.</summary>
    public sealed record Conflicted(ulong ExpectedRevision, ulong CurrentRevision, IReadOnlyList<MissedEvent> Conflicts) : CommandDecision;
}
