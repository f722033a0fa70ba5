using Leads.EventStore;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Projections.MongoDb.LedgerDocuments;
using static Leads.Projections.MongoDb.LedgerRequests;
using static Leads.Projections.MongoDb.MongoPositions;

namespace Leads.Projections.MongoDb;

/// <summary>
/// A projection's checkpoint and parked events in MongoDB (<c>projection_checkpoints</c>, <c>parked_events</c>, keyed by
/// projection name), beside its documents: the part every MongoDB projection store shares. The store sends these
/// requests through its resilience pipeline (<see cref="MongoCalls"/>), the checkpoint only after the documents it
/// describes are written.
/// </summary>
public sealed class MongoProjectionLedger
{
    public const string CheckpointsCollection = "projection_checkpoints";
    public const string ParkedCollection = "parked_events";

    private readonly string _projection;

    public MongoProjectionLedger(IMongoDatabase database, string projection)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        Checkpoints = database.GetCollection<BsonDocument>(CheckpointsCollection);
        Parked = database.GetCollection<BsonDocument>(ParkedCollection);
        _projection = projection;
    }

    public IMongoCollection<BsonDocument> Checkpoints { get; }

    public IMongoCollection<BsonDocument> Parked { get; }

    /// <summary>ListParked for one stream (and replaying it), in position order.</summary>
    internal static CreateIndexModel<BsonDocument> ParkedByStream { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Projection).Ascending(StreamId).Ascending(Commit).Ascending(Prepare),
        new CreateIndexOptions { Name = "by_projection_stream_position" });

    /// <summary>ListParked for a projection, CountParked, and resets by position.</summary>
    internal static CreateIndexModel<BsonDocument> ParkedByPosition { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Projection).Ascending(Commit).Ascending(Prepare),
        new CreateIndexOptions { Name = "by_projection_position" });

    /// <summary>Creates the parked events' indexes (creating an existing index is a no-op).</summary>
    public Task EnsureIndexesAsync(CancellationToken cancellationToken) =>
        Parked.Indexes.CreateManyAsync([ParkedByStream, ParkedByPosition], cancellationToken);

    public async Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var row = await Checkpoints.Find(CheckpointOf(_projection)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : PositionOf(row);
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken)
    {
        var docs = await Parked.Find(ParkedOf(_projection, streamId)).Sort(OldestFirst).ToListAsync(cancellationToken).ConfigureAwait(false);
        return docs.Select(ReadParked).ToList();
    }

    public async Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        (int)await Parked.CountDocumentsAsync(ParkedOf(_projection, null), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The latest position below <paramref name="before"/> at which an event was parked.</summary>
    public async Task<GlobalPosition?> LastParkedBeforeAsync(GlobalPosition before, CancellationToken cancellationToken)
    {
        var doc = await Parked.Find(ParkedBelow(_projection, before)).Sort(NewestFirst).Project(PositionOnly).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return doc is null ? null : PositionOf(doc);
    }

    /// <summary>Parks each event once (a re-delivered one leaves the stored entry alone).</summary>
    public IReadOnlyList<WriteModel<BsonDocument>> Park(IEnumerable<ParkedEvent> events) => [.. events.Select(p => ParkOnce(_projection, p))];

    /// <summary>Moves the checkpoint forward only.</summary>
    public WriteModel<BsonDocument> Advance(GlobalPosition checkpoint) => CheckpointAdvance(_projection, checkpoint);

    /// <summary>Removes the parked events that now applied and stores the one that failed again.</summary>
    public IReadOnlyList<WriteModel<BsonDocument>> Replayed(IEnumerable<ParkedEvent> applied, ParkedEvent? stillFailing)
    {
        var writes = applied.Select(p => (WriteModel<BsonDocument>)ParkedDelete(_projection, p)).ToList();
        if (stillFailing is not null)
        {
            writes.Add(ParkedReplace(_projection, stillFailing));
        }

        return writes;
    }

    /// <summary>Sets the checkpoint, backwards if need be, or removes it (null).</summary>
    public async Task RewindCheckpointAsync(GlobalPosition? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is { } cp)
        {
            await Checkpoints.UpdateOneAsync(CheckpointOf(_projection), CheckpointSet(cp), new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await Checkpoints.DeleteOneAsync(CheckpointOf(_projection), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the parked events at or after <paramref name="from"/>, or all of them (null).</summary>
    public Task UnparkFromAsync(GlobalPosition? from, CancellationToken cancellationToken) =>
        Parked.DeleteManyAsync(from is { } f ? ParkedAtOrAfter(_projection, f) : ParkedOf(_projection, null), cancellationToken);
}
