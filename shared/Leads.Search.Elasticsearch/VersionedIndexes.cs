using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Leads.EventStore;
using Microsoft.Extensions.Logging;
using static Leads.Search.Elasticsearch.SearchQueries;
using static Leads.Search.Elasticsearch.SearchRequests;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// The versioned indexes behind the search alias (<see cref="ElasticsearchSearchOptions.Alias"/>): the live one searches
/// use, and during a reset the next one being rebuilt, with a marker document holding the position its replay must
/// reach. Start-up finds the alias (creating <c>-v1</c> with it the first time), resumes an unfinished rebuild from its
/// marker and removes indexes a crash left behind; the swap moves the alias in one atomic request and deletes the old
/// index. Not thread-safe: the search index calls it under its gate.
/// </summary>
internal sealed class VersionedIndexes(SearchServer server, ElasticsearchSearchOptions options, ILogger logger)
{
    private bool _opened;

    /// <summary>The index the alias points at (empty until opened).</summary>
    public string Live { get; private set; } = "";

    /// <summary>The index a reset rebuilds, until it is swapped in.</summary>
    public string? Building { get; private set; }

    /// <summary>The position the rebuild's replay must reach before the swap (none: swap at once).</summary>
    public GlobalPosition? RebuildTarget { get; private set; }

    /// <summary>Where the projector writes: the index being rebuilt, else the live one.</summary>
    public string WriteIndex => Building ?? Live;

    /// <summary>Finds or creates the alias and its index; later calls do nothing.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_opened)
        {
            return;
        }

        var indexes = await ListIndexesAsync(cancellationToken).ConfigureAwait(false);
        var live = indexes.FirstOrDefault(i => i.HasAlias).Name;
        if (live is null && indexes.Count > 0)
        {
            live = indexes.MaxBy(i => i.Version).Name;
            await SendAsync(SwapAlias(options.Alias, null, live), cancellationToken).ConfigureAwait(false);
        }
        else if (live is null)
        {
            live = options.IndexName(1);
            await CreateAsync(live, withAlias: true, cancellationToken).ConfigureAwait(false);
        }

        Live = live;
        var liveVersion = options.VersionOf(live) ?? 0;
        foreach (var (name, version, _) in indexes.Where(i => i.Name != live).OrderByDescending(i => i.Version))
        {
            if (version > liveVersion && Building is null
                && await ReadMarkerAsync(name, cancellationToken).ConfigureAwait(false) is { } marker)
            {
                (Building, RebuildTarget) = (name, marker.Target);
                logger.LogInformation("Search index: resuming the rebuild of {Index} (searches stay on {Live})", name, live);
                continue;
            }

            // An older index whose swap was interrupted, or a rebuild that never got its marker: nothing to keep.
            await DeleteIndexAsync(name, cancellationToken).ConfigureAwait(false);
        }

        _opened = true;
        logger.LogInformation("Search index alias {Alias} on {Index}", options.Alias, live);
    }

    /// <summary>Creates the next versioned index, empty, without the alias.</summary>
    public async Task<string> CreateNextAsync(CancellationToken cancellationToken)
    {
        var indexes = await ListIndexesAsync(cancellationToken).ConfigureAwait(false);
        var next = options.IndexName(indexes.Count == 0 ? 1 : indexes.Max(i => i.Version) + 1);
        await CreateAsync(next, withAlias: false, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>
    /// Makes <paramref name="next"/> the index being rebuilt until its checkpoint reaches <paramref name="target"/> (its
    /// marker records it, for a restart); an earlier rebuild it replaces is deleted.
    /// </summary>
    public async Task RebuildIntoAsync(string next, GlobalPosition? target, CancellationToken cancellationToken)
    {
        var abandoned = Building;
        await server.SendAsync(RebuildMarker(next, target), static (c, r, ct) => c.IndexAsync(r, ct), cancellationToken).ConfigureAwait(false);
        Building = next;
        RebuildTarget = target;
        if (abandoned is not null)
        {
            await DeleteIndexAsync(abandoned, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Swaps the alias to the rebuilt index once <paramref name="checkpoint"/> reached its target.</summary>
    public async Task SwapWhenCaughtUpAsync(GlobalPosition? checkpoint, CancellationToken cancellationToken)
    {
        if (Building is not { } building || (RebuildTarget is { } target && (checkpoint is not { } c || c < target)))
        {
            return;
        }

        var old = Live;
        await RefreshAsync(building, cancellationToken).ConfigureAwait(false);
        await SendAsync(SwapAlias(options.Alias, old, building), cancellationToken).ConfigureAwait(false);
        Live = building;
        Building = null;
        RebuildTarget = null;
        await server.SendAsync(
            new DeleteRequest(building, SearchFields.RebuildId) { Refresh = Refresh.True }, static (c, r, ct) => c.DeleteAsync(r, ct), cancellationToken, 404).ConfigureAwait(false);
        await DeleteIndexAsync(old, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Search index rebuilt: alias {Alias} moved from {Old} to {New} at {Checkpoint}; {Old} deleted", options.Alias, old, building, checkpoint, old);
    }

    public Task RefreshAsync(string index, CancellationToken cancellationToken) =>
        server.SendAsync(new RefreshRequest(index), static (c, r, ct) => c.Indices.RefreshAsync(r, ct), cancellationToken, 404);

    private Task DeleteIndexAsync(string index, CancellationToken cancellationToken) =>
        server.SendAsync(new DeleteIndexRequest(index), static (c, r, ct) => c.Indices.DeleteAsync(r, ct), cancellationToken, 404);

    private Task CreateAsync(string index, bool withAlias, CancellationToken cancellationToken) =>
        server.SendAsync(IndexLayout.CreateIndex(index, options, withAlias), static (c, r, ct) => c.Indices.CreateAsync(r, ct), cancellationToken);

    private Task SendAsync(UpdateAliasesRequest swap, CancellationToken cancellationToken) =>
        server.SendAsync(swap, static (c, r, ct) => c.Indices.UpdateAliasesAsync(r, ct), cancellationToken);

    private async Task<List<(string Name, int Version, bool HasAlias)>> ListIndexesAsync(CancellationToken cancellationToken)
    {
        var response = await server.SendAsync(
            new GetAliasRequest { Indices = options.IndexPrefix + "*" }, static (c, r, ct) => c.Indices.GetAliasAsync(r, ct), cancellationToken, 404).ConfigureAwait(false);
        var indexes = new List<(string, int, bool)>();
        if (response.ApiCallDetails.HttpStatusCode == 404 || response.Aliases is not { } all)
        {
            return indexes;
        }

        foreach (var (name, entry) in all)
        {
            if (options.VersionOf(name) is { } version)
            {
                indexes.Add((name, version, entry.Aliases.ContainsKey(options.Alias)));
            }
        }

        return indexes;
    }

    private async Task<(bool Found, GlobalPosition? Target)?> ReadMarkerAsync(string index, CancellationToken cancellationToken)
    {
        var response = await server.SendAsync(new GetRequest(index, SearchFields.RebuildId), static (c, r, ct) => c.GetAsync<JsonObject>(r, ct), cancellationToken, 404)
            .ConfigureAwait(false);
        return SearchResponses.FoundSource(response) is { } source ? (true, SearchResponses.ReadTarget(source)) : null;
    }
}
