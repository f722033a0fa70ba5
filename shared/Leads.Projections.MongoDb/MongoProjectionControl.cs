using Leads.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.Projections.MongoDb;

/// <summary>
/// The control plane in MongoDB, shared by every projector and the query service: <c>projector_status</c> (one
/// document per projection, replaced by its projector with a heartbeat) and <c>projection_requests</c> (pause / resume /
/// reset / replay-parked requests written by ops, polled and acknowledged by the projector; the pending ones are found
/// through the <c>by_projection_pending</c> index).
/// </summary>
public sealed class MongoProjectionControl : IProjectionControl
{
    public const string StatusCollection = "projector_status";
    public const string RequestsCollection = "projection_requests";

    private readonly IMongoCollection<BsonDocument> _status;
    private readonly IMongoCollection<BsonDocument> _requests;
    private readonly MongoCalls _calls;
    private readonly TimeProvider _clock;

    public MongoProjectionControl(IMongoDatabase database, MongoProjectionOptions options, ILogger<MongoProjectionControl>? logger = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _status = database.GetCollection<BsonDocument>(StatusCollection);
        _requests = database.GetCollection<BsonDocument>(RequestsCollection);
        _calls = new MongoCalls(MongoResilience.Build(options, (ILogger?)logger ?? NullLogger.Instance), () => _requests.Indexes.CreateOneAsync(PendingIndex, cancellationToken: CancellationToken.None));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Pending requests of a projection, oldest first.</summary>
    internal static CreateIndexModel<BsonDocument> PendingIndex { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending("projection").Ascending("acknowledgedAt").Ascending("requestedAt"),
        new CreateIndexOptions { Name = "by_projection_pending" });

    internal static FilterDefinition<BsonDocument> Pending(string projection) =>
        Builders<BsonDocument>.Filter.And(
            Builders<BsonDocument>.Filter.Eq("projection", projection),
            Builders<BsonDocument>.Filter.Eq("acknowledgedAt", BsonNull.Value));

    internal static FilterDefinition<BsonDocument> Unacknowledged(string requestId) =>
        Builders<BsonDocument>.Filter.And(
            Builders<BsonDocument>.Filter.Eq("_id", requestId),
            Builders<BsonDocument>.Filter.Eq("acknowledgedAt", BsonNull.Value));

    internal static UpdateDefinition<BsonDocument> Acknowledgement(DateTimeOffset at, bool succeeded, string? result) =>
        Builders<BsonDocument>.Update
            .Set("acknowledgedAt", at.UtcTicks)
            .Set("succeeded", succeeded)
            .Set("result", (BsonValue?)result ?? BsonNull.Value);

    public Task PublishStatusAsync(ProjectorStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var doc = ControlDocuments.Status(status);
        return RunAsync(ct => _status.ReplaceOneAsync(Builders<BsonDocument>.Filter.Eq("_id", status.Name), doc, new ReplaceOptions { IsUpsert = true }, ct), cancellationToken);
    }

    public Task<IReadOnlyList<ProjectorStatus>> ListStatusAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ProjectorStatus>>(async ct =>
        {
            var docs = await _status.Find(FilterDefinition<BsonDocument>.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToListAsync(ct).ConfigureAwait(false);
            return docs.Select(ControlDocuments.ReadStatus).ToList();
        }, cancellationToken);

    public async Task<ControlRequest> RequestAsync(string projection, ControlAction action, CancellationToken cancellationToken)
    {
        var request = new ControlRequest(Guid.NewGuid().ToString("N"), projection, action, _clock.GetUtcNow());
        var doc = ControlDocuments.Request(request);
        await RunAsync(ct => _requests.InsertOneAsync(doc, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        return request;
    }

    public Task<IReadOnlyList<ControlRequest>> ReadPendingAsync(string projection, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ControlRequest>>(async ct =>
        {
            var docs = await _requests.Find(Pending(projection)).Sort(Builders<BsonDocument>.Sort.Ascending("requestedAt")).ToListAsync(ct).ConfigureAwait(false);
            return docs.Select(ControlDocuments.ReadRequest).ToList();
        }, cancellationToken);

    public Task AcknowledgeAsync(string requestId, bool succeeded, string? result, CancellationToken cancellationToken) =>
        RunAsync(ct => _requests.UpdateOneAsync(Unacknowledged(requestId), Acknowledgement(_clock.GetUtcNow(), succeeded, result), cancellationToken: ct), cancellationToken);

    public Task<ControlRequest?> ReadRequestAsync(string requestId, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var doc = await _requests.Find(Builders<BsonDocument>.Filter.Eq("_id", requestId)).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            return doc is null ? null : ControlDocuments.ReadRequest(doc);
        }, cancellationToken);

    private Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) => _calls.RunAsync(call, cancellationToken);

    private Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) => _calls.RunAsync(call, cancellationToken);
}
