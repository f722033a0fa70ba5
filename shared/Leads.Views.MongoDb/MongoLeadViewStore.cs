using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.MongoDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Projections.MongoDb.MongoPositions;
using static Leads.Views.MongoDb.ViewDocuments;
using static Leads.Views.MongoDb.ViewRequests;

namespace Leads.Views.MongoDb;

/// <summary>
/// Lead views and status logs in MongoDB, with the view projector's checkpoint and parked events beside them
/// (<see cref="MongoProjectionLedger"/>). A batch
/// is one unordered bulk write (each lead appears once per batch, so order only matters within a document, and each
/// document is one atomic update guarded by its position); the checkpoint is written after the bulk write succeeded,
/// never before, so a crash between the two only replays events that the guards then skip. Every call goes through a
/// retry + circuit breaker pipeline (<see cref="MongoResilience"/>).
/// </summary>
public sealed class MongoLeadViewStore : ILeadViewStore, IProjectionStore<LeadReadModel>
{
    private static readonly BulkWriteOptions Unordered = new() { IsOrdered = false };

    private readonly ViewCollections _collections;
    private readonly MongoCalls _calls;
    private readonly MongoProjectionLedger _ledger;

    public MongoLeadViewStore(
        IMongoDatabase database, MongoProjectionOptions options, ILogger<MongoLeadViewStore>? logger = null, string projection = LeadReadModelProjection.Name)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        _collections = new ViewCollections(database);
        _ledger = new MongoProjectionLedger(database, projection);
        _calls = new MongoCalls(MongoResilience.Build(options, (ILogger?)logger ?? NullLogger.Instance), PrepareAsync);
    }

    /// <summary>Creates the indexes every query needs (hosts call it at start-up; other calls wait for it too).</summary>
    public Task EnsureIndexesAsync(CancellationToken cancellationToken) =>
        RunAsync(_ => Task.CompletedTask, cancellationToken);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => RunAsync(_ledger.ReadCheckpointAsync, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        RunAsync(ct => _ledger.ListParkedAsync(streamId, ct), cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => RunAsync(_ledger.CountParkedAsync, cancellationToken);

    public Task<LeadView?> GetLeadAsync(long leadId, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var doc = await _collections.Views.Find(LeadById(leadId)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            return doc is null ? null : ReadView(doc);
        }, cancellationToken);

    public async Task<LeadPage> ListByStatusAsync(LeadStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        LeadPageToken.ValidatePageSize(pageSize);
        var after = LeadPageToken.Decode(pageToken, status);
        var docs = await RunAsync(ct => _collections.Views.Find(LeadsPage(status, after)).Sort(ByLeadId).Limit(pageSize + 1).ToListAsync(ct), cancellationToken)
            .ConfigureAwait(false);
        var leads = docs.Select(ReadView).ToList();
        string? next = null;
        if (leads.Count > pageSize)
        {
            leads.RemoveAt(pageSize);
            next = LeadPageToken.Encode(status, leads[^1].LeadId);
        }

        return new LeadPage(leads, next);
    }

    /// <summary>Served by the index <c>by_status_followup_lead_id</c>.</summary>
    public async Task<LeadPage> ListFollowupsAsync(FollowupWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        LeadPageToken.ValidatePageSize(pageSize);
        var after = FollowupPageToken.Decode(pageToken, window);
        var docs = await RunAsync(ct => _collections.Views.Find(FollowupsPage(window, after)).Sort(ByFollowupThenLeadId).Limit(pageSize + 1).ToListAsync(ct), cancellationToken)
            .ConfigureAwait(false);
        return FollowupPageToken.Page(window, docs.Select(ReadView).ToList(), pageSize);
    }

    public Task<IReadOnlyList<StatusLogEntry>> GetStatusHistoryAsync(long leadId, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var doc = await _collections.Views.Find(LeadById(leadId)).Project(StatusLogOnly).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            return doc is null ? [] : ReadStatusLog(doc);
        }, cancellationToken);

    public bool KeepsDocuments => true;

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        var ids = streamIds.Select(LeadEventDecoder.LeadIdOf).Where(id => id > 0).Distinct().ToList();
        return RunAsync<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>>(async ct =>
        {
            var loaded = new Dictionary<string, StoredDocument<LeadReadModel>>(StringComparer.Ordinal);
            if (ids.Count == 0)
            {
                return loaded;
            }

            foreach (var doc in await _collections.Views.Find(LeadsById(ids)).ToListAsync(ct).ConfigureAwait(false))
            {
                var stored = ReadStored(doc);
                loaded[stored.StreamId] = stored;
            }

            return loaded;
        }, cancellationToken);
    }

    public async Task CommitAsync(ProjectionCommit<LeadReadModel> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.Documents.Count > 0)
        {
            await GuardedBulkAsync(_collections.Views, [.. commit.Documents.Select(GuardedLeadWrite)], cancellationToken).ConfigureAwait(false);
        }

        if (commit.Parked.Count > 0)
        {
            await GuardedBulkAsync(_ledger.Parked, _ledger.Park(commit.Parked), cancellationToken).ConfigureAwait(false);
        }

        // Only now: the checkpoint never runs ahead of the writes it describes.
        await GuardedBulkAsync(_ledger.Checkpoints, [_ledger.Advance(commit.Checkpoint)], cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>(async ct =>
        {
            var docs = await _collections.Views.Find(AtOrAbove(from)).Sort(ByLeadId)
                .Project(Builders<BsonDocument>.Projection.Include(ViewFields.StreamId)).ToListAsync(ct).ConfigureAwait(false);
            return docs.Select(d => d[ViewFields.StreamId].AsString).ToList();
        }, cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var view = await _collections.Views.Find(Below(before)).Sort(NewestFirst).Project(PositionOnly).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var parked = await _ledger.LastParkedBeforeAsync(before, ct).ConfigureAwait(false);
            var last = view is null ? (GlobalPosition?)null : PositionOf(view);
            return parked is { } p && (last is null || p > last) ? parked : last;
        }, cancellationToken);

    /// <summary>
    /// Not one transaction (that would need a replica-set session around everything): the checkpoint is moved back
    /// first, then the documents. A crash in between leaves documents ahead of the checkpoint, which the replay's guards
    /// skip, and the unacknowledged reset request is performed again when the projector restarts.
    /// </summary>
    public async Task RewindAsync(ProjectionRewind<LeadReadModel> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        await RunAsync(ct => _ledger.RewindCheckpointAsync(rewind.Checkpoint, ct), cancellationToken).ConfigureAwait(false);

        if (rewind.From is not { } from)
        {
            await RunAsync(async ct =>
            {
                await _collections.Views.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty, ct).ConfigureAwait(false);
                await _ledger.UnparkFromAsync(null, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var writes = rewind.Documents
            .Select(d => d.Document is null
                ? (WriteModel<BsonDocument>)new DeleteOneModel<BsonDocument>(LeadById(LeadEventDecoder.LeadIdOf(d.StreamId)))
                : LeadReplace(d.StreamId, d.Document))
            .ToList();
        if (writes.Count > 0)
        {
            await RunAsync(ct => _collections.Views.BulkWriteAsync(writes, Unordered, ct), cancellationToken).ConfigureAwait(false);
        }

        await RunAsync(async ct =>
        {
            await _collections.Views.DeleteManyAsync(AtOrAbove(from), ct).ConfigureAwait(false);
            await _ledger.UnparkFromAsync(from, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteParkedReplayAsync(ParkedReplay<LeadReadModel> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        if (replay.Document is { } document)
        {
            await GuardedBulkAsync(_collections.Views, [GuardedLeadWrite(document)], cancellationToken).ConfigureAwait(false);
        }

        var parked = _ledger.Replayed(replay.Applied, replay.StillFailing);
        if (parked.Count > 0)
        {
            await RunAsync(ct => _ledger.Parked.BulkWriteAsync(parked, new BulkWriteOptions { IsOrdered = true }, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A bulk write of guarded upserts: a duplicate key on an upsert is a write the guard refused (already applied).</summary>
    private Task GuardedBulkAsync(IMongoCollection<BsonDocument> collection, IReadOnlyList<WriteModel<BsonDocument>> writes, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            try
            {
                await collection.BulkWriteAsync(writes, Unordered, ct).ConfigureAwait(false);
            }
            catch (MongoBulkWriteException<BsonDocument> ex) when (AllRefusedByTheGuard(ex.WriteConcernError is not null, ex.WriteErrors.Select(e => e.Category)))
            {
                // every failed write is a guard saying "already applied": nothing to do
            }
        }, cancellationToken);

    /// <summary>
    /// Whether a failed bulk write only met guards: every failed write is a duplicate key (the upsert's insert hit an
    /// existing _id because the guard's filter refused an older position) and the write concern held. Anything else
    /// (another error beside them, no error named, a write concern failure) is a real failure.
    /// </summary>
    internal static bool AllRefusedByTheGuard(bool writeConcernFailed, IEnumerable<ServerErrorCategory> failedWrites)
    {
        var categories = failedWrites.ToList();
        return !writeConcernFailed && categories.Count > 0 && categories.All(c => c == ServerErrorCategory.DuplicateKey);
    }

    private async Task PrepareAsync()
    {
        await _collections.EnsureIndexesAsync(CancellationToken.None).ConfigureAwait(false);
        await _ledger.EnsureIndexesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) => _calls.RunAsync(call, cancellationToken);

    private Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) => _calls.RunAsync(call, cancellationToken);
}
