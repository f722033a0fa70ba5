using Leads.EventStore.ContractTests;
using Leads.EventStore.Copy;
using Leads.EventStore.EventStoreDb.Tests.RealServer;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.EventStoreDb.Tests.StoreCopy;

/// <summary>
/// <c>leads store copy</c> between the embedded SQLite store and the real EventStoreDB node, both ways: the same
/// history (ids, types, bytes, metadata, revisions, global order and original times), a copy killed mid-way and
/// resumed, a tampered target caught by <c>--verify</c>, and a target holding other events refused.
/// </summary>
[Collection(EventStoreDbServerCollection.Name)]
public sealed class StoreCopyTests(EventStoreDbServerFixture server) : IDisposable
{
    private readonly TempDirectory _folder = new("leads-store-copy-");

    private static readonly TimeSpan ProjectorDeadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_copy_to_the_node_and_back_keeps_every_event_in_its_order_with_its_original_time()
    {
        var node = server.RequireStore();
        var history = new InterleavedHistory("copyboth", streams: 40, eventsPerStream: 6);
        await using var source = new SqliteEventStore(_folder.File("source.db"));
        await history.WriteAsync(source, Cancel);
        await using var back = new SqliteEventStore(_folder.File("back.db"));

        await new StoreCopier(source, node, new StoreCopyOptions { Filter = history.Filter }).CopyAsync(null, NoProgress, Cancel);
        await new StoreCopier(node, back, new StoreCopyOptions { Filter = history.Filter }).CopyAsync(null, NoProgress, Cancel);

        var original = await history.ReadAsync(source, Cancel);
        Assert.Equal(history.Events, original.Count);
        foreach (var copy in new IEventStore[] { node, back })
        {
            var copied = await history.ReadAsync(copy, Cancel);
            Assert.Equal(Shape(original), Shape(copied));
            Assert.True((await StoreComparison.CompareAsync(source, copy, history.Filter, Cancel)).Identical);
        }
    }

    [Fact]
    public async Task A_copy_killed_mid_way_continues_where_it_stopped_and_writes_every_event_once()
    {
        var node = server.RequireStore();
        var history = new InterleavedHistory("copykill", streams: 600, eventsPerStream: 10);
        var sourceFile = await WriteSourceAsync(history);

        var state = _folder.File("copy-state.json");
        var killed = await StoreCopyCommand.StartAsync(sourceFile, server.ConnectionString!, history.Prefix, state, verify: false);
        await Eventually.IsTrueAsync(() => Task.FromResult(StoreCopyCommand.CopiedSoFar(state) > 0), TimeSpan.FromSeconds(60), "the copy to record progress", Cancel);
        var copiedWhenKilled = killed.Kill();
        var resumed = await StoreCopyCommand.RunAsync(sourceFile, server.ConnectionString!, history.Prefix, state, verify: true, Cancel);

        Assert.True(copiedWhenKilled < history.Events, $"the copy had finished ({copiedWhenKilled} events) before it was killed");
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("resuming after", resumed.Output);
        Assert.Contains("identical", resumed.Output);
        await using var reread = new SqliteEventStore(sourceFile);
        Assert.Equal(Shape(await history.ReadAsync(reread, Cancel)), Shape(await history.ReadAsync(node, Cancel)));
    }

    [Fact]
    public async Task Verify_names_a_tampered_stream_and_exits_non_zero()
    {
        var node = server.RequireStore();
        var history = new InterleavedHistory("copytamper", streams: 10, eventsPerStream: 3);
        var sourceFile = await WriteSourceAsync(history);

        var copied = await StoreCopyCommand.RunAsync(sourceFile, server.ConnectionString!, history.Prefix, _folder.File("state.json"), verify: true, Cancel);
        await node.AppendOkAsync(history.Stream(4), ExpectedRevision.Exact(2), TestEvents.New("Tampered"));
        var verified = await StoreCopyCommand.RunAsync(sourceFile, server.ConnectionString!, history.Prefix, _folder.File("state.json"), verify: true, Cancel);

        Assert.True(copied.ExitCode == 0, copied.Output);
        Assert.Equal(1, verified.ExitCode);
        Assert.Contains($"differs {history.Stream(4)}: 3 events on the source, 4 on the target", verified.Output);
    }

    [Fact]
    public async Task A_target_holding_other_events_for_a_stream_is_refused_by_name_and_nothing_more_is_written()
    {
        var node = server.RequireStore();
        var history = new InterleavedHistory("copyclash", streams: 20, eventsPerStream: 4);
        await using var source = new SqliteEventStore(_folder.File("source.db"));
        await history.WriteAsync(source, Cancel);
        var original = await history.ReadAsync(source, Cancel);
        var clash = original[original.Count / 2].StreamId;
        await node.AppendOkAsync(clash, ExpectedRevision.NoStream, TestEvents.New("SomethingElse"));

        var refused = await Assert.ThrowsAsync<StoreCopyConflictException>(
            () => new StoreCopier(source, node, new StoreCopyOptions { Filter = history.Filter }).CopyAsync(null, NoProgress, Cancel));

        Assert.Equal(clash, refused.StreamId);
        Assert.Contains(clash, refused.Message);
        var firstOfClash = original.FindIndex(e => e.StreamId == clash);
        var onTarget = (await history.ReadAsync(node, Cancel)).Where(e => e.EventType != "SomethingElse").ToList();
        Assert.Equal(Shape(original.Take(firstOfClash)), Shape(onTarget));
    }

    [Fact]
    public async Task Following_keeps_copying_events_written_after_the_copy_caught_up_until_stopped()
    {
        var history = new InterleavedHistory("copyfollow", streams: 5, eventsPerStream: 2);
        await using var source = new SqliteEventStore(_folder.File("source.db"));
        await history.WriteAsync(source, Cancel);
        await using var target = new SqliteEventStore(_folder.File("target.db"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var copied = 0L;
        var following = new StoreCopier(source, target, new StoreCopyOptions { Filter = history.Filter, Follow = true }).CopyAsync(null, (p, _) =>
        {
            Interlocked.Add(ref copied, p.Events);
            return ValueTask.CompletedTask;
        }, stop.Token);
        await Eventually.IsTrueAsync(() => Task.FromResult(Interlocked.Read(ref copied) == history.Events), ProjectorDeadline, "the copy to catch up", Cancel);

        await source.AppendOkAsync(history.Stream(0), ExpectedRevision.Exact(1), TestEvents.New("WrittenAfterwards"));
        await Eventually.IsTrueAsync(() => Task.FromResult(Interlocked.Read(ref copied) == history.Events + 1), ProjectorDeadline, "the later event to follow", Cancel);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.True((await StoreComparison.CompareAsync(source, target, history.Filter, Cancel)).Identical);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The history in a SQLite file of its own, closed again (the CLI opens it).</summary>
    private async Task<string> WriteSourceAsync(InterleavedHistory history)
    {
        var file = _folder.File("source.db");
        await using var source = new SqliteEventStore(file);
        await history.WriteAsync(source, Cancel);
        return file;
    }

    private static ValueTask NoProgress(CopyProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Everything a copy must keep, event by event, in global order (not the positions, which each store gives).</summary>
    private static List<string> Shape(IEnumerable<RecordedEvent> events) =>
        [.. events.Select(e => $"{e.StreamId}@{e.StreamRevision} {e.EventId} {e.EventType} {e.Created.UtcTicks} {Convert.ToBase64String(e.Data.Span)} "
            + $"{e.Metadata with { RecordedAt = null }}")];
}
