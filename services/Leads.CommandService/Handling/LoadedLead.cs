using Leads.Domain;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.Handling;

/// <summary>
/// A lead's stream read for a decision: its state, revision and last position, the type of every event read by
/// revision (to find what a caller missed), and the events an idempotency key already produced (a command whose
/// record was lost in a crash). With a remembered <see cref="LeadSnapshot"/> only the events after it are read.
/// </summary>
public sealed record LoadedLead(
    LeadState State,
    ulong? Revision,
    GlobalPosition? Position,
    IReadOnlyList<MissedEvent> History,
    IReadOnlyList<RecordedEvent> ByThisCommand,
    int[] ReadKeyHashes)
{
    /// <summary>
    /// True for a lead taken from memory without reading the store (<see cref="Remembered"/>): events it decides are
    /// safe to append (the expected revision proves the stream has not moved), but any other answer needs a read first.
    /// </summary>
    public bool Unverified { get; init; }

    /// <summary>The remembered lead, without reading the store, when its snapshot can answer this command; else null.</summary>
    public static LoadedLead? Remembered(LeadStateCache cache, long leadId, string? commandId, ulong? expectedRevision) =>
        Usable(cache.Find(leadId), commandId, expectedRevision) is { } snapshot
            ? new LoadedLead(snapshot.State, snapshot.Revision, snapshot.Position, [], [], snapshot.ReadKeyHashes) { Unverified = true }
            : null;

    /// <summary>Reads the whole stream.</summary>
    public static Task<LoadedLead> LoadAsync(IEventStore store, LeadEventCodec codec, long leadId, string? commandId, CancellationToken cancellationToken) =>
        ReadAsync(store, codec, leadId, commandId, null, cancellationToken);

    /// <summary>
    /// Reads the events after the snapshot <paramref name="cache"/> holds, when that snapshot can answer this command:
    /// the caller's expected revision is not before it (the events the caller missed are all read) and its key was not
    /// seen on an event read from the store. Otherwise reads the whole stream.
    /// </summary>
    public static Task<LoadedLead> LoadAsync(
        IEventStore store, LeadEventCodec codec, LeadStateCache cache, long leadId, string? commandId, ulong? expectedRevision, CancellationToken cancellationToken)
    {
        var snapshot = Usable(cache.Find(leadId), commandId, expectedRevision);
        return ReadAsync(store, codec, leadId, commandId, snapshot, cancellationToken);
    }

    /// <summary>What to remember after this load, or null when the stream does not exist.</summary>
    public LeadSnapshot? ToSnapshot() =>
        Revision is { } revision && Position is { } position ? new LeadSnapshot(State, revision, position, ReadKeyHashes) : null;

    /// <summary>The stream as the domain's concurrency check reads it.</summary>
    public LeadHistory ToHistory() => new(State, Revision, History);

    private static LeadSnapshot? Usable(LeadSnapshot? snapshot, string? commandId, ulong? expectedRevision) =>
        snapshot is not null
        && (expectedRevision is not { } expected || expected >= snapshot.Revision)
        && (commandId is null || !snapshot.MayHoldEventsOf(commandId))
            ? snapshot
            : null;

    private static async Task<LoadedLead> ReadAsync(
        IEventStore store, LeadEventCodec codec, long leadId, string? commandId, LeadSnapshot? from, CancellationToken cancellationToken)
    {
        var state = from?.State ?? LeadState.Initial;
        ulong? revision = from?.Revision;
        var position = from?.Position;
        var history = new List<MissedEvent>();
        var byThisCommand = new List<RecordedEvent>();
        List<int>? keyHashes = null;
        var start = from is null ? StreamPosition.Start : StreamPosition.At(from.Revision + 1);

        await foreach (var recorded in store.ReadStreamAsync(
            LeadStream.Name(leadId), ReadDirection.Forwards, start, long.MaxValue, cancellationToken))
        {
            if (await codec.ReadAsync(recorded, cancellationToken) is { } e)
            {
                state = LeadState.Evolve(state, e);
            }

            revision = recorded.StreamRevision;
            position = recorded.Position;
            history.Add(new MissedEvent(recorded.StreamRevision, recorded.EventType));
            if (recorded.Metadata.CommandId is { } key)
            {
                (keyHashes ??= []).Add(LeadSnapshot.KeyHash(key));
                if (key == commandId)
                {
                    byThisCommand.Add(recorded);
                }
            }
        }

        return new LoadedLead(state, revision, position, history, byThisCommand, Merge(from?.ReadKeyHashes ?? [], keyHashes));
    }

    private static int[] Merge(int[] known, List<int>? read)
    {
        if (read is null)
        {
            return known;
        }

        read.AddRange(known);
        return [.. read.Distinct().Order()];
    }
}
