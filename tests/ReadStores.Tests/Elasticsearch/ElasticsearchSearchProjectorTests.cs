using Elastic.Clients.Elasticsearch;
using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.ReadStores.Tests.Servers;
using Leads.ReadStores.Tests.Support;
using Leads.Search;
using Leads.Search.Elasticsearch;
using Leads.Testing;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>The search projector on a real Elasticsearch: the lead 1410 story, and a reset that rebuilds and swaps the alias.</summary>
public sealed class ElasticsearchSearchProjectorTests(ElasticsearchServer server) : IClassFixture<ElasticsearchServer>, IAsyncDisposable
{
    private readonly EventLog _log = new();
    private (ElasticsearchClient Client, ElasticsearchSearchOptions Options)? _index;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ElasticsearchLeadSearchIndex NewIndex()
    {
        _index = server.NewIndex();
        return new ElasticsearchLeadSearchIndex(_index.Value.Client, _index.Value.Options, _log.Events.ReadHeadPositionAsync);
    }

    [Fact]
    public async Task The_old_phone_of_lead_1410_finds_it_marked_historical_within_a_second()
    {
        var index = NewIndex();
        await _log.AppendAsync(1410, EventLog.Story1410);
        await using var projector = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, index);
        await projector.CatchUpAsync();

        var hit = await Eventually.ReturnsAsync(
            async () => (await index.SearchAsync(SearchQuery.Parse("03-27243457", 10).Value!, Ct)).SingleOrDefault(),
            TimeSpan.FromSeconds(1), "lead 1410 to be searchable", Ct);

        Assert.Equal(new LeadSearchHit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Phone, "03-27243457", Historical: true), hit);
    }

    [Fact]
    public async Task A_reset_rebuilds_into_the_next_index_swaps_the_alias_and_deletes_the_old_index()
    {
        var index = NewIndex();
        await _log.SeedAsync(leads: 50, rounds: 4);
        await _log.AppendAsync(1410, EventLog.Story1410);
        await using var projector = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, index);
        await projector.CatchUpAsync();
        await index.FlushAsync(Ct);
        var before = await SearchAllAsync(index);
        var old = index.LiveIndex;

        await projector.Projector.ResetAsync(ResetFrom.Start, Ct);
        await projector.CatchUpAsync();
        await Eventually.IsTrueAsync(() => Task.FromResult(index.LiveIndex != old), TimeSpan.FromSeconds(30), "the alias to move to the rebuilt index", Ct);
        await index.FlushAsync(Ct);

        Assert.Equal((before, _index!.Value.Options.IndexName(2)), (await SearchAllAsync(index), index.LiveIndex));
    }

    [Fact]
    public async Task Stopping_the_projector_repeatedly_mid_replay_converges_to_what_a_fresh_Lucene_replay_finds()
    {
        var index = NewIndex();
        var head = await _log.SeedAsync(leads: 200, rounds: 10);
        for (var stop = 0; stop < 5; stop++)
        {
            var projector = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, index);
            var target = GlobalPosition.FromSequence(head.Commit * (ulong)(stop + 1) / 6);
            await projector.Projector.WaitForPositionAsync(target, Ct).WaitAsync(RunningProjector<LeadSearchDocument>.Deadline, Ct);
            await projector.DisposeAsync();
        }

        await using (var last = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, index))
        {
            await last.CatchUpAsync();
        }

        await index.FlushAsync(Ct);
        var folder = Directory.CreateTempSubdirectory("leads-lucene-reference-").FullName;
        await using var lucene = new Leads.Search.Lucene.LuceneLeadSearchIndex(new Leads.Search.Lucene.LuceneSearchIndexOptions(folder));
        await using (var reference = new RunningProjector<LeadSearchDocument>(LeadSearchProjection.Definition, _log.Events, lucene))
        {
            await reference.CatchUpAsync();
        }

        await lucene.FlushAsync(Ct);
        Assert.Equal(await SearchAllAsync(lucene), await SearchAllAsync(index));
    }

    private static async Task<IReadOnlyList<string>> SearchAllAsync(ILeadSearchReader reader)
    {
        var results = new List<string>();
        foreach (var text in new[] { "lead", "03-27243457", "stefan@old.example", "050", "lead 1 r", "03" })
        {
            results.AddRange((await reader.SearchAsync(SearchQuery.Parse(text, 100).Value!, Ct)).Select(h => $"{text}: {h}"));
        }

        return results;
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        if (_index is { } index)
        {
            await ElasticsearchServer.DeleteAsync(index.Client, index.Options);
        }
    }
}
