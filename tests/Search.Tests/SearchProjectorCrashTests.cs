using System.Text.Json;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Search.Lucene;
using Leads.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.Search.Tests;

/// <summary>
/// The search projector as a real process, SIGKILLed again and again during a replay of 50,000 events: afterwards
/// every lead's search document (current and historical values, position) equals a fresh in-process replay exactly.
/// </summary>
public sealed class SearchProjectorCrashTests : IAsyncLifetime
{
    private const int LeadCount = 10_000;
    private const long FirstId = 10_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _data = new("leads-search-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Killed_repeatedly_during_a_replay_it_converges_to_a_fresh_replay()
    {
        GlobalPosition head;
        await using (var events = new SqliteEventStore(Path.Combine(_data.Path, "events.db")))
        {
            head = await LeadEvents.AppendByLeadAsync(events, EventLog.Generated(LeadCount), Cancel);
        }

        var indexFolder = Path.Combine(_data.Path, "search");
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = _data.Path,
            ["Leads:SearchProjector:MaxBatchSize"] = "200",
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
        };
        using var reader = new LuceneLeadSearchReader(new LuceneSearchIndexOptions(indexFolder));
        var killedMidReplay = 0;
        for (var kill = 0; kill < 6; kill++)
        {
            var before = await reader.ReadCheckpointAsync(Cancel) ?? GlobalPosition.Start;
            if (before >= head)
            {
                break;
            }

            await using var projector = await ServiceProcess.StartAsync("Leads.SearchProjector", settings, cancellationToken: Cancel);
            await Eventually.IsTrueAsync(
                async () => await reader.ReadCheckpointAsync(Cancel) is { } checkpoint && checkpoint > before,
                Deadline, "progress before the kill", Cancel);
            await projector.KillAsync();
            if (await reader.ReadCheckpointAsync(Cancel) is { } at && at < head)
            {
                killedMidReplay++;
            }
        }

        await using (var projector = await ServiceProcess.StartAsync("Leads.SearchProjector", settings, cancellationToken: Cancel))
        {
            await Eventually.IsTrueAsync(
                async () => await reader.ReadCheckpointAsync(Cancel) is { } checkpoint && checkpoint >= head,
                Deadline, "the replay finished", Cancel);
        }

        Assert.True(killedMidReplay >= 2, $"killed mid-replay only {killedMidReplay} times");
        var fresh = await FreshReplayAsync(head);
        Assert.Equal(fresh, await DumpAsync(indexFolder));
    }

    private async Task<IReadOnlyList<string>> FreshReplayAsync(GlobalPosition head)
    {
        var folder = Path.Combine(_data.Path, "fresh");
        await using (var events = new SqliteEventStore(Path.Combine(_data.Path, "events.db")))
        await using (var index = new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(folder)))
        {
            var projector = new Projector<LeadSearchDocument>(
                LeadSearchProjection.Definition, events, index, new ProjectorOptions(), NullLogger<Projector<LeadSearchDocument>>.Instance);
            using var stop = new CancellationTokenSource();
            var run = projector.RunAsync(stop.Token);
            await projector.WaitForPositionAsync(head, Cancel).WaitAsync(Deadline, Cancel);
            await stop.CancelAsync();
            await run;
        }

        return await DumpAsync(folder);
    }

    /// <summary>Every lead's stored document and position, as JSON lines in lead order.</summary>
    private static async Task<IReadOnlyList<string>> DumpAsync(string folder)
    {
        await using var index = new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(folder));
        var streams = Enumerable.Range(0, LeadCount).Select(i => global::Leads.Domain.LeadStream.Name(FirstId + i)).ToList();
        var stored = await index.LoadAsync(streams, Cancel);
        return streams.Select(s => stored.TryGetValue(s, out var d)
            ? $"{s} {d.Position} {JsonSerializer.Serialize(d.Document)}"
            : $"{s} missing").ToList();
    }
}
