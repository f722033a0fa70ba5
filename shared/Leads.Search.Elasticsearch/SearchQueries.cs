using System.Text.Json.Nodes;
using Leads.EventStore;
using static Leads.Search.Elasticsearch.SearchFields;
using static Leads.Search.Elasticsearch.SearchRequests;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Every query body the search index and its reader send (searches, parked events, what changed since a position, the
/// reindex of a partial reset and the alias swap), built in one place so that tests compare them with what
/// Elasticsearch should receive. The documents and bulk writes are in <see cref="SearchRequests"/>.
/// </summary>
internal static class SearchQueries
{
    public static JsonObject MultiGetLeads(IEnumerable<string> streamIds) =>
        new() { ["ids"] = new JsonArray([.. streamIds.Select(id => (JsonNode)JsonValue.Create(id)!)]) };

    /// <summary>One page of candidates for a search, current or historical-only, in lead id order after <paramref name="afterLeadId"/>.</summary>
    public static JsonObject Search(SearchQuery query, bool historical, int size, long? afterLeadId)
    {
        var filter = new JsonArray(Term(Kind, LeadKind), Match(query, historical));
        var boolQuery = new JsonObject { ["filter"] = filter };
        if (historical)
        {
            boolQuery["must_not"] = new JsonArray(Match(query, historical: false));
        }

        var body = new JsonObject
        {
            ["size"] = size,
            ["query"] = new JsonObject { ["bool"] = boolQuery },
            ["sort"] = new JsonArray(new JsonObject { [LeadId] = "asc" }),
            ["_source"] = new JsonArray(Document),
            ["track_total_hits"] = false,
        };
        if (afterLeadId is { } after)
        {
            body["search_after"] = new JsonArray(after);
        }

        return body;
    }

    /// <summary>What a query kind matches in the current or the historical fields.</summary>
    public static JsonObject Match(SearchQuery query, bool historical) => query.Kind switch
    {
        SearchQueryKind.Email => Term(historical ? EmailHistorical : EmailCurrent, query.Email),
        SearchQueryKind.Phone => Term((historical ? PhoneHistorical : PhoneCurrent) + "." + PrefixSubField, Cut(query.PhoneDigits, MaxPhoneGram)),
        _ => new JsonObject
        {
            ["match"] = new JsonObject
            {
                [historical ? NameHistorical : NameCurrent] = new JsonObject
                {
                    ["query"] = string.Join(' ', query.NameWords.Select(w => Cut(w, MaxNameGram))),
                    ["operator"] = "and",
                },
            },
        },
    };

    public static JsonObject ParkedSearch(string? streamId, int size)
    {
        var filter = new JsonArray(Term(Kind, ParkedKind));
        if (streamId is not null)
        {
            filter.Add(Term(StreamField, streamId));
        }

        return new JsonObject
        {
            ["size"] = size,
            ["query"] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = filter } },
            ["sort"] = new JsonArray(new JsonObject { [PositionCommit] = "asc" }, new JsonObject { [PositionPrepare] = "asc" }),
        };
    }

    public static JsonObject CountParked() => new() { ["query"] = Term(Kind, ParkedKind) };

    /// <summary>Leads whose position is at or after <paramref name="from"/>, by lead id, paged with search_after.</summary>
    public static JsonObject StreamsChangedSince(GlobalPosition from, int size, long? afterLeadId)
    {
        var body = new JsonObject
        {
            ["size"] = size,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject { ["filter"] = new JsonArray(Term(Kind, LeadKind), AtOrAfter(from)) },
            },
            ["sort"] = new JsonArray(new JsonObject { [LeadId] = "asc" }),
            ["_source"] = new JsonArray(StreamField),
        };
        if (afterLeadId is { } after)
        {
            body["search_after"] = new JsonArray(after);
        }

        return body;
    }

    /// <summary>The newest lead or parked event below <paramref name="before"/>.</summary>
    public static JsonObject LastPositionBefore(GlobalPosition before) => new()
    {
        ["size"] = 1,
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["filter"] = new JsonArray(Terms(Kind, LeadKind, ParkedKind)),
                ["must_not"] = new JsonArray(AtOrAfter(before)),
            },
        },
        ["sort"] = new JsonArray(new JsonObject { [PositionCommit] = "desc" }, new JsonObject { [PositionPrepare] = "desc" }),
        ["_source"] = new JsonArray(PositionCommit, PositionPrepare),
    };

    /// <summary>
    /// A partial reset copies what lies before its position (leads and parked events) into the new index, keeping each
    /// lead's external version, so the replay after it is guarded exactly as before.
    /// </summary>
    public static JsonObject ReindexBefore(string source, string destination, GlobalPosition from) => new()
    {
        ["source"] = new JsonObject
        {
            ["index"] = source,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(Terms(Kind, LeadKind, ParkedKind)),
                    ["must_not"] = new JsonArray(AtOrAfter(from)),
                },
            },
        },
        ["dest"] = new JsonObject { ["index"] = destination, ["version_type"] = "external" },
        ["conflicts"] = "abort",
    };

    /// <summary>One atomic alias change: searches move from the old index to the new one at once.</summary>
    public static JsonObject SwapAlias(string alias, string? from, string to)
    {
        var actions = new JsonArray();
        if (from is not null)
        {
            actions.Add(new JsonObject { ["remove"] = new JsonObject { ["index"] = from, ["alias"] = alias } });
        }

        actions.Add(new JsonObject { ["add"] = new JsonObject { ["index"] = to, ["alias"] = alias } });
        return new JsonObject { ["actions"] = actions };
    }

    private static JsonObject Term(string field, string value) =>
        new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Terms(string field, params string[] values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]) } };

    /// <summary>Position at or after: a later commit, or the same commit with a prepare at or after.</summary>
    private static JsonObject AtOrAfter(GlobalPosition position) => new()
    {
        ["bool"] = new JsonObject
        {
            ["should"] = new JsonArray(
                new JsonObject { ["range"] = new JsonObject { [PositionCommit] = new JsonObject { ["gt"] = Db(position.Commit) } } },
                new JsonObject
                {
                    ["bool"] = new JsonObject
                    {
                        ["filter"] = new JsonArray(
                            new JsonObject { ["term"] = new JsonObject { [PositionCommit] = Db(position.Commit) } },
                            new JsonObject { ["range"] = new JsonObject { [PositionPrepare] = new JsonObject { ["gte"] = Db(position.Prepare) } } }),
                    },
                }),
            ["minimum_should_match"] = 1,
        },
    };

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
