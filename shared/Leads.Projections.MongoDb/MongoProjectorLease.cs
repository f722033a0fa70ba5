using Leads.Projections.Leasing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Polly;

namespace Leads.Projections.MongoDb;

/// <summary>
/// Projector leases in MongoDB (collection <c>projector_leases</c>, one document per projection: <c>owner</c>,
/// <c>expiresAt</c>), beside the checkpoints. Taking or renewing is one conditional upsert on the projection's
/// <c>_id</c> that matches only when the lease is this owner's or expired; when another owner holds it the upsert's
/// insert hits the unique <c>_id</c> and fails, so at most one owner succeeds. Expiry uses the server's clock
/// (<c>$$NOW</c>), so the projector pods' clocks do not matter.
/// </summary>
public sealed class MongoProjectorLease : IProjectorLease
{
    public const string LeasesCollection = "projector_leases";

    private const int DuplicateKey = 11000;

    private readonly IMongoCollection<BsonDocument> _leases;
    private readonly ResiliencePipeline _resilience;

    public MongoProjectorLease(IMongoDatabase database, MongoProjectionOptions options, ILogger<MongoProjectorLease>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _leases = database.GetCollection<BsonDocument>(LeasesCollection);
        _resilience = MongoResilience.Build(options, (ILogger?)logger ?? NullLogger.Instance);
    }

    /// <summary>The filter: this projection's lease, when it is the owner's or has expired on the server's clock.</summary>
    internal static BsonDocument TakeableBy(string projection, string owner) => new()
    {
        { "_id", projection },
        {
            "$expr", new BsonDocument("$or", new BsonArray
            {
                new BsonDocument("$eq", new BsonArray { "$owner", owner }),
                new BsonDocument("$lte", new BsonArray { "$expiresAt", "$$NOW" }),
            })
        },
    };

    /// <summary>The update pipeline: this owner until server time + duration; acquiredAt kept on a renewal.</summary>
    internal static BsonDocument[] TakenBy(string owner, TimeSpan duration) =>
    [
        new BsonDocument("$set", new BsonDocument
        {
            {
                "acquiredAt", new BsonDocument("$cond", new BsonArray
                {
                    new BsonDocument("$eq", new BsonArray { "$owner", owner }),
                    "$acquiredAt",
                    "$$NOW",
                })
            },
            { "owner", owner },
            { "expiresAt", new BsonDocument("$add", new BsonArray { "$$NOW", (long)duration.TotalMilliseconds }) },
        }),
    ];

    public async Task<bool> TryAcquireAsync(string projection, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _resilience.ExecuteAsync(
                async ct => await _leases.UpdateOneAsync(
                    TakeableBy(projection, owner),
                    new PipelineUpdateDefinition<BsonDocument>(TakenBy(owner, duration)),
                    new UpdateOptions { IsUpsert = true },
                    ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return result.MatchedCount == 1 || result.UpsertedId is not null;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            return false;
        }
    }

    public Task ReleaseAsync(string projection, string owner, CancellationToken cancellationToken) =>
        _resilience.ExecuteAsync(
            async ct => await _leases.DeleteOneAsync(
                Builders<BsonDocument>.Filter.And(
                    Builders<BsonDocument>.Filter.Eq("_id", projection),
                    Builders<BsonDocument>.Filter.Eq("owner", owner)),
                ct).ConfigureAwait(false),
            cancellationToken).AsTask();

    public async Task<ProjectorLeaseHolder?> ReadAsync(string projection, CancellationToken cancellationToken)
    {
        var doc = await _resilience.ExecuteAsync(
            async ct => await _leases.Find(Builders<BsonDocument>.Filter.Eq("_id", projection)).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return doc is null
            ? null
            : new ProjectorLeaseHolder(projection, doc["owner"].AsString, new DateTimeOffset(doc["expiresAt"].ToUniversalTime(), TimeSpan.Zero));
    }
}
