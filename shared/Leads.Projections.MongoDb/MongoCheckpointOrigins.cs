using Leads.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.Projections.MongoDb;

/// <summary>
/// <see cref="ICheckpointOrigins"/> beside the MongoDB control plane: <c>checkpoint_origins</c>, one document per
/// projection (<c>{ _id: projection, storeId }</c>), replaced when a projection is rebuilt from another store.
/// </summary>
public sealed class MongoCheckpointOrigins : ICheckpointOrigins
{
    public const string Collection = "checkpoint_origins";

    private readonly IMongoCollection<BsonDocument> _origins;
    private readonly MongoCalls _calls;

    public MongoCheckpointOrigins(IMongoDatabase database, MongoProjectionOptions options, ILogger<MongoCheckpointOrigins>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _origins = database.GetCollection<BsonDocument>(Collection);
        _calls = new MongoCalls(MongoResilience.Build(options, (ILogger?)logger ?? NullLogger.Instance), () => Task.CompletedTask);
    }

    internal static FilterDefinition<BsonDocument> Of(string projection) => Builders<BsonDocument>.Filter.Eq("_id", projection);

    internal static BsonDocument Origin(string projection, string storeId) => new() { ["_id"] = projection, ["storeId"] = storeId };

    public Task<string?> ReadAsync(string projection, CancellationToken cancellationToken) =>
        _calls.RunAsync(async ct =>
        {
            var doc = await _origins.Find(Of(projection)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            return doc?["storeId"].AsString;
        }, cancellationToken);

    public Task RecordAsync(string projection, string storeId, CancellationToken cancellationToken) =>
        _calls.RunAsync(ct => _origins.ReplaceOneAsync(Of(projection), Origin(projection, storeId), new ReplaceOptions { IsUpsert = true }, ct), cancellationToken);
}
