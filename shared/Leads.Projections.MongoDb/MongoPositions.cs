using Leads.EventStore;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.Projections.MongoDb;

/// <summary>
/// How a global position is kept in a MongoDB document (checkpoints, parked events and the documents of a projection
/// alike): two fields, commit then prepare, each the unsigned value's 64 bits as a signed integer, compared in that
/// order; and the filters and sorts that compare them.
/// </summary>
public static class MongoPositions
{
    public const string Commit = "posCommit";
    public const string Prepare = "posPrepare";

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    public static SortDefinition<BsonDocument> NewestFirst { get; } = Builders<BsonDocument>.Sort.Descending(Commit).Descending(Prepare);

    public static SortDefinition<BsonDocument> OldestFirst { get; } = Builders<BsonDocument>.Sort.Ascending(Commit).Ascending(Prepare);

    public static ProjectionDefinition<BsonDocument> PositionOnly { get; } = Builders<BsonDocument>.Projection.Include(Commit).Include(Prepare);

    public static long Db(ulong value) => unchecked((long)value);

    public static ulong U64(long value) => unchecked((ulong)value);

    public static GlobalPosition PositionOf(BsonDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return new(U64(doc[Commit].ToInt64()), U64(doc[Prepare].ToInt64()));
    }

    /// <summary>The stored position is lower than <paramref name="position"/> (commit first, then prepare).</summary>
    public static FilterDefinition<BsonDocument> Below(GlobalPosition position) =>
        Filter.Or(
            Filter.Lt(Commit, Db(position.Commit)),
            Filter.And(Filter.Eq(Commit, Db(position.Commit)), Filter.Lt(Prepare, Db(position.Prepare))));

    /// <summary>The stored position is at or above <paramref name="position"/>.</summary>
    public static FilterDefinition<BsonDocument> AtOrAbove(GlobalPosition position) =>
        Filter.Or(
            Filter.Gt(Commit, Db(position.Commit)),
            Filter.And(Filter.Eq(Commit, Db(position.Commit)), Filter.Gte(Prepare, Db(position.Prepare))));
}
