using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>The embedded writer: group commit, isolation of appends within a batch, and its documented choices.</summary>
public sealed class SqliteEventStoreWriterTests : IAsyncLifetime
{
    private readonly TempDirectory _file = new("leads-es-tests-");
    private SqliteEventStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _store = new SqliteEventStore(_file.File("events.db"), new SqliteEventStoreOptions { ReadPageSize = 7 });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task Concurrent_appends_share_commits()
    {
        var before = _store.GroupCommits;

        var results = await Task.WhenAll(Enumerable.Range(0, 256).Select(_ =>
            _store.AppendAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, [TestEvents.New()], Ct)));

        var after = _store.GroupCommits;
        Assert.All(results, r => Assert.IsType<AppendResult.Success>(r));
        Assert.Equal(256, after.Appends - before.Appends);
        Assert.True(after.Commits - before.Commits <= 128, $"{after.Commits - before.Commits} commits for 256 appends");
    }

    [Fact]
    public async Task A_failing_append_in_a_batch_leaves_the_others_and_writes_none_of_its_own_events()
    {
        var taken = TestEvents.New();
        await _store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, taken);
        var victim = TestEvents.UniqueStream();
        var wrongStream = TestEvents.UniqueStream();
        var healthy = Enumerable.Range(0, 20).Select(_ => TestEvents.UniqueStream()).ToArray();

        var healthyAppends = healthy.Select(s => _store.AppendAsync(s, ExpectedRevision.NoStream, [TestEvents.New()], Ct)).ToArray();
        var reusesId = _store.AppendAsync(victim, ExpectedRevision.NoStream, [TestEvents.New(), taken with { }], Ct);
        var wrong = _store.AppendAsync(wrongStream, ExpectedRevision.Exact(3), [TestEvents.New()], Ct);
        var moreHealthy = healthy.Select(s => _store.AppendAsync(s, ExpectedRevision.Exact(0), [TestEvents.New()], Ct)).ToArray();

        await Assert.ThrowsAsync<InvalidOperationException>(() => reusesId);
        Assert.IsType<AppendResult.WrongExpectedRevision>(await wrong);
        Assert.All(await Task.WhenAll(healthyAppends.Concat(moreHealthy)), r => Assert.IsType<AppendResult.Success>(r));
        Assert.Empty(await _store.ReadAsync(victim));
        foreach (var stream in healthy)
        {
            Assert.Equal(2, (await _store.ReadAsync(stream)).Count);
        }
    }

    [Fact]
    public async Task A_retry_of_only_part_of_the_stored_events_is_a_wrong_expected_revision()
    {
        var stream = TestEvents.UniqueStream();
        var events = TestEvents.Many(3);
        await _store.AppendOkAsync(stream, ExpectedRevision.NoStream, events);

        var partial = await _store.AppendAsync(stream, ExpectedRevision.NoStream, [events[0], TestEvents.New()], Ct);
        var reordered = await _store.AppendAsync(stream, ExpectedRevision.Any, [events[0], events[2], events[1]], Ct);
        var misplaced = await _store.AppendAsync(stream, ExpectedRevision.Exact(1), [events[0]], Ct);

        Assert.All([partial, reordered, misplaced], r => Assert.Equal(2UL, Assert.IsType<AppendResult.WrongExpectedRevision>(r).ActualRevision));
        Assert.Equal(3, (await _store.ReadAsync(stream)).Count);
    }

    [Fact]
    public async Task An_event_id_stored_in_another_stream_is_an_error()
    {
        var e = TestEvents.New();
        await _store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, e);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(TestEvents.UniqueStream(), ExpectedRevision.Any, [e], Ct));
    }

    [Fact]
    public async Task The_same_event_id_twice_in_one_append_is_rejected()
    {
        var e = TestEvents.New();

        await Assert.ThrowsAsync<ArgumentException>(() => _store.AppendAsync(TestEvents.UniqueStream(), ExpectedRevision.Any, [e, e], Ct));
    }

    [Fact]
    public async Task Reads_page_through_long_streams_in_both_directions()
    {
        var stream = TestEvents.UniqueStream();
        await _store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(50));

        var forwards = await _store.ReadAsync(stream, ReadDirection.Forwards, StreamPosition.At(3), maxCount: 30);
        var backwards = await _store.ReadAsync(stream, ReadDirection.Backwards, StreamPosition.End);

        Assert.Equal(Enumerable.Range(3, 30).Select(i => (ulong)i), forwards.Select(e => e.StreamRevision));
        Assert.Equal(Enumerable.Range(0, 50).Reverse().Select(i => (ulong)i), backwards.Select(e => e.StreamRevision));
    }

    [Fact]
    public async Task Catch_up_pages_through_the_store_and_a_live_filtered_page_checkpoints()
    {
        var prefix = TestEvents.UniquePrefix("paged");
        var appended = TestEvents.Many(40);
        foreach (var chunk in appended.Chunk(3))
        {
            await _store.AppendOkAsync(prefix + Guid.NewGuid().ToString("N"), ExpectedRevision.NoStream, chunk);
            await _store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        }

        await using var probe = SubscriptionProbe.Start(_store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix(prefix));
        var caughtUp = await probe.WaitForCaughtUpAsync();
        var skipped = await _store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        var checkpoint = await NextCheckpointAsync(probe);

        Assert.Equal(appended.Select(e => e.EventId), caughtUp.Select(e => e.EventId));
        Assert.Equal(skipped.Position, checkpoint.Position);
    }

    private static async Task<SubscriptionMessage.Checkpoint> NextCheckpointAsync(SubscriptionProbe probe)
    {
        while (true)
        {
            if (await probe.NextAsync() is SubscriptionMessage.Checkpoint checkpoint)
            {
                return checkpoint;
            }
        }
    }
}
