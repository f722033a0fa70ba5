using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Views.MongoDb.ViewDocuments;
using static Leads.Views.MongoDb.ViewRequests;

namespace Leads.Views.MongoDb;

/// <summary>
/// A projection's checkpoint and parked events in MongoDB (<c>projection_checkpoints</c>, <c>parked_events</c>, keyed by
/// projection name), beside its documents. The store sends these requests through its resilience pipeline, the
/// checkpoint only after the documents it describes are written.
/// </summary>
internal sealed class MongoProjectionLedger(IMongoCollection<BsonDocument> checkpoints, IMongoCollection<BsonDocument> parked, string projection)
{
    private static readonly ProjectionDefinition<BsonDocument> PositionOnly =
        Builders<BsonDocument>.Projection.Include(ViewFields.PositionCommit).Include(ViewFields.PositionPrepare);

    public IMongoCollection<BsonDocument> Checkpoints => checkpoints;

    public IMongoCollection<BsonDocument> Parked => parked;

    public async Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var row = await checkpoints.Find(CheckpointOf(projection)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : PositionOf(row);
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken)
    {
        var docs = await parked.Find(ParkedOf(projection, streamId)).Sort(OldestFirst).ToListAsync(cancellationToken).ConfigureAwait(false);
        return docs.Select(ReadParked).ToList();
    }

    public async Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        (int)await parked.CountDocumentsAsync(ParkedOf(projection, null), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The latest position below <paramref name="before"/> at which an event was parked.</summary>
    public async Task<GlobalPosition?> LastParkedBeforeAsync(GlobalPosition before, CancellationToken cancellationToken)
    {
        var doc = await parked.Find(ParkedBelow(projection, before)).Sort(NewestFirst).Project(PositionOnly).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return doc is null ? null : PositionOf(doc);
    }

    /// <summary>Parks each event once (a re-delivered one leaves the stored entry alone).</summary>
    public IReadOnlyList<WriteModel<BsonDocument>> Park(IEnumerable<ParkedEvent> events) => [.. events.Select(p => ParkOnce(projection, p))];

    /// <summary>Moves the checkpoint forward only.</summary>
    public WriteModel<BsonDocument> Advance(GlobalPosition checkpoint) => CheckpointAdvance(projection, checkpoint);

    /// <summary>Removes the parked events that now applied and stores the one that failed again.</summary>
    public IReadOnlyList<WriteModel<BsonDocument>> Replayed(IEnumerable<ParkedEvent> applied, ParkedEvent? stillFailing)
    {
        var writes = applied.Select(p => (WriteModel<BsonDocument>)ParkedDelete(projection, p)).ToList();
        if (stillFailing is not null)
        {
            writes.Add(ParkedReplace(projection, stillFailing));
        }

        return writes;
    }

    /// <summary>Sets the checkpoint, backwards if need be, or removes it (null).</summary>
    public async Task RewindCheckpointAsync(GlobalPosition? checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint is { } cp)
        {
            await checkpoints.UpdateOneAsync(CheckpointOf(projection), CheckpointSet(cp), new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await checkpoints.DeleteOneAsync(CheckpointOf(projection), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the parked events at or after <paramref name="from"/>, or all of them (null).</summary>
    public Task UnparkFromAsync(GlobalPosition? from, CancellationToken cancellationToken) =>
        parked.DeleteManyAsync(from is { } f ? ParkedAtOrAfter(projection, f) : ParkedOf(projection, null), cancellationToken);
}
