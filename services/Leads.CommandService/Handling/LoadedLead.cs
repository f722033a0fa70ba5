using Leads.Domain;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.Handling;

/// <summary>
/// A lead's stream read for a decision: its state, revision and last position, the type of every event by revision
/// (to find what a caller missed), and the events an idempotency key already produced (a command whose record was
/// lost in a crash).
/// </summary>
public sealed record LoadedLead(
    LeadState State,
    ulong? Revision,
    GlobalPosition? Position,
    IReadOnlyList<MissedEvent> History,
    IReadOnlyList<RecordedEvent> ByThisCommand)
{
    public static async Task<LoadedLead> LoadAsync(IEventStore store, LeadEventCodec codec, long leadId, string? commandId, CancellationToken cancellationToken)
    {
        var state = LeadState.Initial;
        ulong? revision = null;
        GlobalPosition? position = null;
        var history = new List<MissedEvent>();
        var byThisCommand = new List<RecordedEvent>();

        await foreach (var recorded in store.ReadStreamAsync(
            LeadStream.Name(leadId), ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, cancellationToken))
        {
            if (await codec.ReadAsync(recorded, cancellationToken) is { } e)
            {
                state = LeadState.Evolve(state, e);
            }

            revision = recorded.StreamRevision;
            position = recorded.Position;
            history.Add(new MissedEvent(recorded.StreamRevision, recorded.EventType));
            if (commandId is not null && recorded.Metadata.CommandId == commandId)
            {
                byThisCommand.Add(recorded);
            }
        }

        return new LoadedLead(state, revision, position, history, byThisCommand);
    }

    /// <summary>Events after <paramref name="revision"/>, in stream order.</summary>
    public IEnumerable<MissedEvent> After(ulong revision) => History.Where(e => e.Revision > revision);
}
