using Leads.Domain.Commands;

namespace Leads.Domain;

/// <summary>An event a caller had not seen when it sent a command: its type and stream revision.</summary>
public readonly record struct MissedEvent(ulong Revision, string EventType);

/// <summary>
/// Optimistic concurrency "on steroids": a command that raced other writers is refused only when an event it missed
/// is one it genuinely conflicts with. Anything else is re-decided on the new state (a rebase).
/// </summary>
public static class ConcurrencyCheck
{
    /// <summary>The missed events that conflict with <paramref name="command"/>, in stream order; empty when it may rebase.</summary>
    public static IReadOnlyList<MissedEvent> Conflicts(ILeadCommand command, IEnumerable<MissedEvent> missed) =>
        missed.Where(m => command.ConflictsWith.Contains(m.EventType)).OrderBy(m => m.Revision).ToList();
}
