using Leads.Domain.Commands;

namespace Leads.Domain;

/// <summary>An event of a lead's stream as the concurrency check sees it: its stream revision and stored type.</summary>
public readonly record struct MissedEvent(ulong Revision, string EventType);

/// <summary>
/// Optimistic concurrency "on steroids": a command sent with the revision its caller saw is refused (Aborted) only when
/// an event the caller missed is one the command genuinely conflicts with (<see cref="ILeadCommand.ConflictsWith"/>).
/// Anything else is re-decided on the current state and marked rebased. Pure, like <see cref="LeadDecider"/>.
/// </summary>
public static class ConcurrencyCheck
{
    /// <summary>
    /// Decides <paramref name="command"/> sent at <paramref name="expectedRevision"/> (null: "whatever the lead is now")
    /// against the lead's stream: bad input first, then the revision (a lead that does not exist or a revision ahead
    /// of the stream is FailedPrecondition on <c>expected_revision</c>), then the conflicts, then the domain's rules.
    /// </summary>
    public static CommandDecision Decide(ILeadCommand command, ulong? expectedRevision, LeadHistory lead)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(lead);
        if (LeadDecider.Validate(command) is { } badInput)
        {
            return new CommandDecision.Refused(badInput);
        }

        var rebased = false;
        if (expectedRevision is { } expected)
        {
            if (lead.Revision is not { } current)
            {
                return Refuse($"expected_revision {expected} was given, but lead {command.LeadId} does not exist");
            }

            if (expected > current)
            {
                return Refuse($"expected_revision {expected} is ahead of lead {command.LeadId}, whose current revision is {current}");
            }

            if (expected < current)
            {
                var conflicts = Conflicts(command, lead.After(expected));
                if (conflicts.Count > 0)
                {
                    return new CommandDecision.Conflicted(expected, current, conflicts);
                }

                rebased = true;
            }
        }

        var decided = LeadDecider.Decide(command, lead.State);
        return decided.IsValid ? new CommandDecision.Accepted(decided.Value, rebased) : new CommandDecision.Refused(decided.Error);
    }

    /// <summary>The missed events that conflict with <paramref name="command"/>, in stream order; empty when it may rebase.</summary>
    public static IReadOnlyList<MissedEvent> Conflicts(ILeadCommand command, IEnumerable<MissedEvent> missed)
    {
        ArgumentNullException.ThrowIfNull(command);
        return missed.Where(m => command.ConflictsWith.Contains(m.EventType)).OrderBy(m => m.Revision).ToList();
    }

    private static CommandDecision.Refused Refuse(string message) =>
        new(new DomainError(DomainErrorKind.FailedPrecondition, message, "expected_revision"));
}
