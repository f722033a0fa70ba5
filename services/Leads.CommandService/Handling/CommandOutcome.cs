using Leads.Domain;

namespace Leads.CommandService.Handling;

/// <summary>How a command ended. The gRPC edge turns each kind into a reply or a status.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    public sealed record Accepted(CommandReply Reply) : CommandOutcome;

    /// <summary>The domain (or the idempotency rules) refused it; nothing was written.</summary>
    public sealed record Refused(DomainError Error) : CommandOutcome;

    /// <summary>Events the caller had not seen (after <paramref name="ExpectedRevision"/>) conflict with the command.</summary>
    public sealed record Conflicted(long LeadId, ulong ExpectedRevision, ulong CurrentRevision, IReadOnlyList<MissedEvent> Conflicts) : CommandOutcome;

    /// <summary>Other writers kept appending to the lead; every attempt lost the race.</summary>
    public sealed record Contended(long LeadId, int Attempts) : CommandOutcome;
}
