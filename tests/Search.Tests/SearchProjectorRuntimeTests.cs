using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Search.Lucene;
using Leads.Testing;
using Leads.Testing.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.Search.Tests;

/// <summary>The search projection run by the projection runtime, from the embedded event store into the Lucene index.</summary>
public sealed class SearchProjectorRuntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _folder = new("leads-search-");
    private SqliteEventStore _events = null!;
    private LuceneLeadSearchIndex _index = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _events = new SqliteEventStore(Path.Combine(_folder.Path, "events.db"));
        _index = OpenIndex();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _index.DisposeAsync();
        await _events.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Lead_1410_is_found_by_its_old_phone_marked_historical()
    {
        var head = await LeadEvents.AppendByLeadAsync(_events, SearchLeads.Story1410, Cancel);

        var hits = await RunUntilAsync(head, () => SearchAsync("03-27243457"));

        Assert.Equal(
            new LeadSearchHit(1410, "Stefan Müller", Domain.LeadStatus.Converted, MatchedField.Phone, "03-27243457", true),
            Assert.Single(hits));
    }

    [Fact]
    public async Task A_reset_from_the_start_rebuilds_the_same_search_results()
    {
        var head = await LeadEvents.AppendByLeadAsync(_events, [.. SearchLeads.Story1410, .. EventLog.Generated(200)], Cancel);
        var before = await RunUntilAsync(head, SnapshotAsync);

        var after = await RunUntilAsync(head, SnapshotAsync, reset: ResetFrom.Start);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_reset_from_a_position_rebuilds_the_same_search_results()
    {
        var head = await LeadEvents.AppendByLeadAsync(_events, [.. SearchLeads.Story1410, .. EventLog.Generated(200)], Cancel);
        var before = await RunUntilAsync(head, SnapshotAsync);

        var after = await RunUntilAsync(head, SnapshotAsync, reset: ResetFrom.Position(GlobalPosition.FromSequence(head.Commit / 2)));

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_projector_restarted_on_a_reopened_index_converges_to_a_fresh_replay()
    {
        var half = await LeadEvents.AppendByLeadAsync(_events, EventLog.Generated(100), Cancel);
        await RunUntilAsync(half, () => Task.FromResult(0));
        await _index.DisposeAsync();
        _index = OpenIndex();
        var head = await LeadEvents.AppendByLeadAsync(_events, [.. SearchLeads.Story1410, .. EventLog.Generated(150).Skip(500)], Cancel);

        var resumed = await RunUntilAsync(head, SnapshotAsync);
        var fresh = await RunUntilAsync(head, SnapshotAsync, reset: ResetFrom.Start);

        Assert.Equal(fresh, resumed);
    }

    private LuceneLeadSearchIndex OpenIndex() => new(new LuceneSearchIndexOptions(Path.Combine(_folder.Path, "search")));

    /// <summary>Runs a projector until the index's checkpoint reaches <paramref name="head"/> (after an optional reset), then reads.</summary>
    private async Task<T> RunUntilAsync<T>(GlobalPosition head, Func<Task<T>> read, ResetFrom? reset = null)
    {
        var projector = new Projector<LeadSearchDocument>(
            LeadSearchProjection.Definition, _events, _index, new ProjectorOptions(), NullLogger<Projector<LeadSearchDocument>>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var run = projector.RunAsync(stop.Token);
        try
        {
            if (reset is not null)
            {
                await projector.ResetAsync(reset, Cancel).WaitAsync(Deadline, Cancel);
            }

            await projector.WaitForPositionAsync(head, Cancel).WaitAsync(Deadline, Cancel);
            await Eventually.IsTrueAsync(async () => await _index.ReadCheckpointAsync(Cancel) >= head, Deadline, "the index to reach the head", Cancel);
            await _index.FlushAsync(Cancel);
            return await read();
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private async Task<IReadOnlyList<LeadSearchHit>> SearchAsync(string text) =>
        await _index.SearchAsync(SearchQuery.Parse(text, 100).Value!, Cancel);

    /// <summary>What searches answer across every kind of query, as one comparable string.</summary>
    private async Task<string> SnapshotAsync()
    {
        var answers = new List<string>();
        foreach (var text in new[] { "lead", "lead 1001", "stefan", "03-2724", "050", "07-100", "08-101", "lead10005@old.example", "lead10199@new.example" })
        {
            answers.Add(text + " => " + string.Join("; ", await SearchAsync(text)));
        }

        return string.Join(Environment.NewLine, answers);
    }
}
