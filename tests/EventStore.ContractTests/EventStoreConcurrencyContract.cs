namespace Leads.EventStore.ContractTests;

/// <summary>The event store contract under concurrent writers: expected revisions decide, nothing is lost or written twice.</summary>
public abstract class EventStoreConcurrencyContract(IEventStoreUnderTest target) : EventStoreContract(target)
{
    private const int Writers = 32;

    [Fact]
    public async Task Parallel_writers_expecting_the_same_revision_have_exactly_one_winner()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            Task.Run(() => store.AppendAsync(stream, ExpectedRevision.Exact(0), [TestEvents.New()], Ct), Ct)));

        var winner = Assert.Single(results.OfType<AppendResult.Success>());
        Assert.Equal(1UL, winner.NextExpectedRevision);
        Assert.All(results.OfType<AppendResult.WrongExpectedRevision>(), r => Assert.Equal(1UL, r.ActualRevision));
        Assert.Equal(Writers - 1, results.OfType<AppendResult.WrongExpectedRevision>().Count());
        Assert.Equal(2, (await store.ReadAsync(stream)).Count);
    }

    [Fact]
    public async Task Parallel_writers_on_one_stream_lose_no_update()
    {
        const int appendsPerWriter = 4;
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        var perWriter = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            Task.Run(() => AppendWithRetriesAsync(store, stream, appendsPerWriter), Ct)));

        var events = await store.ReadAsync(stream);
        var revisions = perWriter.SelectMany(w => w.Revisions).ToList();
        Assert.Equal(Writers * appendsPerWriter, events.Count);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => (ulong)i), events.Select(e => e.StreamRevision));
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
        Assert.Equal(perWriter.SelectMany(w => w.EventIds).Order(), events.Select(e => e.EventId).Order());
        foreach (var writer in perWriter)
        {
            Assert.Equal(writer.EventIds, events.Where(e => writer.EventIds.Contains(e.EventId)).Select(e => e.EventId));
        }
    }

    [Fact]
    public async Task Parallel_writers_on_different_streams_all_succeed()
    {
        var store = await CreateStoreAsync();
        var streams = Enumerable.Range(0, Writers).Select(_ => TestEvents.UniqueStream()).ToArray();

        var results = await Task.WhenAll(streams.Select(stream =>
            Task.Run(() => store.AppendAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2), Ct), Ct)));

        Assert.All(results, r => Assert.Equal(1UL, Assert.IsType<AppendResult.Success>(r).NextExpectedRevision));
        Assert.Equal(Writers, results.Select(r => ((AppendResult.Success)r).Position).Distinct().Count());
        foreach (var stream in streams)
        {
            Assert.Equal(2, (await store.ReadAsync(stream)).Count);
        }
    }

    /// <summary>Read the current revision, append one event expecting it, and on a conflict retry from the actual revision.</summary>
    private static async Task<(List<ulong> Revisions, List<Guid> EventIds)> AppendWithRetriesAsync(IEventStore store, string stream, int appends)
    {
        var revisions = new List<ulong>();
        var ids = new List<Guid>();
        var last = await store.ReadAsync(stream, ReadDirection.Backwards, StreamPosition.End, maxCount: 1);
        var expected = ExpectedRevision.From(last.Count == 0 ? null : last[0].StreamRevision);
        while (revisions.Count < appends)
        {
            var e = TestEvents.New();
            switch (await store.AppendAsync(stream, expected, [e], Ct))
            {
                case AppendResult.Success success:
                    revisions.Add(success.NextExpectedRevision);
                    ids.Add(e.EventId);
                    expected = ExpectedRevision.Exact(success.NextExpectedRevision);
                    break;
                case AppendResult.WrongExpectedRevision wrong:
                    expected = ExpectedRevision.From(wrong.ActualRevision);
                    break;
            }
        }

        return (revisions, ids);
    }
}
