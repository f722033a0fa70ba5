using System.Collections.Concurrent;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>
/// The projection store of the integration publisher: "writing" a batch means publishing each lead's messages, in
/// order, and only once every one of them is confirmed, storing the checkpoint. Leads go out concurrently; one lead's
/// messages never overtake each other. A failed publish fails the commit (the runtime retries it with backoff, then
/// resubscribes from the checkpoint), and a retry republishes what was not yet confirmed with the same MessageIds.
/// No documents are kept between batches: the checkpoint and parked events are the shared ledger alone
/// (<see cref="SqliteLedgerFile"/>), so a reset only has to move the checkpoint back.
/// </summary>
public sealed partial class PublishingStore(
    SqliteLedgerFile ledgerFile,
    IIntegrationMessageSender sender,
    IEventStore events,
    PublisherMetrics metrics,
    PublisherOptions options,
    ILogger<PublishingStore> logger) : IProjectionStore<LeadOutbox>
{
    private static readonly IReadOnlyDictionary<string, StoredDocument<LeadOutbox>> NothingStored =
        new Dictionary<string, StoredDocument<LeadOutbox>>();

    private readonly IProjectionStore<LeadOutbox> _ledger = ledgerFile.Store<LeadOutbox>();

    // The commit being retried and the messages of it already confirmed, so that a retry of the same batch resends
    // only what the broker has not confirmed yet. Touched only by the projector loop.
    private object? _retrying;
    private ConcurrentDictionary<Guid, byte> _confirmed = new();

    /// <summary>
    /// False: an outbox lives for one batch (its messages are sent at commit), so every batch starts each stream's outbox
    /// empty. A projector that kept the committed outboxes would send their messages again with the next batch.
    /// </summary>
    public bool KeepsDocuments => false;

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadOutbox>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken) =>
        Task.FromResult(NothingStored);

    public async Task CommitAsync(ProjectionCommit<LeadOutbox> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var confirmed = Confirmed(commit);
        await PublishAsync(commit.Documents.Select(d => d.Document), confirmed, cancellationToken).ConfigureAwait(false);
        await _ledger.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        _retrying = null;
        ReportSkipped(commit.Documents.Select(d => d.Document));
    }

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => _ledger.ReadCheckpointAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>The last event before <paramref name="before"/>: a replay from there republishes <paramref name="before"/> onwards.</summary>
    public async Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken)
    {
        // The port has no backwards read of $all; an ops action, so one forward scan is fine.
        GlobalPosition? last = null;
        await foreach (var recorded in events.ReadAllAsync(null, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.Position >= before)
            {
                break;
            }

            last = recorded.Position;
        }

        return last;
    }

    public Task RewindAsync(ProjectionRewind<LeadOutbox> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        LogRewind(logger, rewind.From?.ToString() ?? "the start", rewind.Checkpoint?.ToString() ?? "the start");
        _retrying = null;
        return _ledger.RewindAsync(rewind, cancellationToken);
    }

    public async Task CompleteParkedReplayAsync(ParkedReplay<LeadOutbox> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        if (replay.Document is { } write)
        {
            await PublishAsync([write.Document], new ConcurrentDictionary<Guid, byte>(), cancellationToken).ConfigureAwait(false);
            ReportSkipped([write.Document]);
        }

        await _ledger.CompleteParkedReplayAsync(replay, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        _ledger.ListParkedAsync(streamId, cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => _ledger.CountParkedAsync(cancellationToken);

    private ConcurrentDictionary<Guid, byte> Confirmed(object commit)
    {
        if (!ReferenceEquals(commit, _retrying))
        {
            _retrying = commit;
            _confirmed = new ConcurrentDictionary<Guid, byte>();
        }

        return _confirmed;
    }

    private async Task PublishAsync(IEnumerable<LeadOutbox> outboxes, ConcurrentDictionary<Guid, byte> confirmed, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrentLeads), CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(outboxes.Where(o => o.Messages.Count > 0), parallel, async (outbox, ct) =>
            {
                foreach (var message in outbox.Messages)
                {
                    if (confirmed.ContainsKey(message.MessageId))
                    {
                        continue;
                    }

                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(options.PublishTimeout);
                    await sender.SendAsync(message, timeout.Token).WaitAsync(options.PublishTimeout, ct).ConfigureAwait(false);
                    confirmed.TryAdd(message.MessageId, 0);
                    metrics.Published.Add(1);
                }
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Failures.Add(1);
            LogPublishFailed(logger, ex, confirmed.Count, ex.Message);
            throw;
        }
    }

    private void ReportSkipped(IEnumerable<LeadOutbox> outboxes)
    {
        foreach (var skipped in outboxes.SelectMany(o => o.Skipped))
        {
            metrics.Untranslatable.Add(1, new KeyValuePair<string, object?>("event_type", skipped.EventType));
            LogSkipped(logger, skipped.Position.ToString(), skipped.StreamId, skipped.StreamRevision, skipped.EventType, skipped.EventId, skipped.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Integration publisher skipped event {Position} of {Stream} (revision {Revision}, {EventType}, id {EventId}): it cannot be translated: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string position, string stream, ulong revision, string eventType, Guid eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Integration publisher: publishing a batch failed after {Confirmed} confirmed messages; the checkpoint stays and the rest is retried: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int confirmed, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration publisher rewound from {From}: republishing after {Checkpoint} with the same message ids")]
    private static partial void LogRewind(ILogger logger, string from, string checkpoint);
}
