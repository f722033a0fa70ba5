using System.Text;

namespace Leads.EventStore.ContractTests;

/// <summary>The event store contract for appends: what is stored, with which revisions and positions, and what is refused.</summary>
public abstract class EventStoreAppendContract(IEventStoreUnderTest target) : EventStoreContract(target)
{
    [Fact]
    public async Task Appended_events_read_back_with_data_metadata_and_recorded_time()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var metadata = new EventMetadata
        {
            CorrelationId = "corr-1",
            CausationId = "cause-1",
            UserId = "agent-7",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            TraceState = "leads=1",
            CommandId = "cmd-42",
            CommandFingerprint = "sha256:abc",
        };
        var proposed = new EventData(Guid.NewGuid(), "LeadWasInitialized.v1", Encoding.UTF8.GetBytes("""{"leadId":1410}"""), metadata);
        var before = DateTimeOffset.UtcNow;

        var success = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, proposed);

        var after = DateTimeOffset.UtcNow;
        var recorded = Assert.Single(await store.ReadAsync(stream));
        Assert.Equal(stream, recorded.StreamId);
        Assert.Equal(0UL, recorded.StreamRevision);
        Assert.Equal(success.Position, recorded.Position);
        Assert.Equal(proposed.EventId, recorded.EventId);
        Assert.Equal(proposed.EventType, recorded.EventType);
        Assert.Equal(proposed.Data.ToArray(), recorded.Data.ToArray());
        Assert.Equal(metadata, recorded.Metadata);
        Assert.Equal(TimeSpan.Zero, recorded.Created.Offset);
        Assert.InRange(recorded.Created, before.AddSeconds(-5), after.AddSeconds(5));
    }

    [Fact]
    public async Task An_event_copied_from_another_store_reads_with_its_original_recorded_time()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var original = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero).AddTicks(1234567);

        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New(metadata: new EventMetadata { UserId = "agent-7", RecordedAt = original }));

        var recorded = Assert.Single(await store.ReadAsync(stream));
        Assert.Equal((original, original), (recorded.Created, recorded.Metadata.RecordedAt));
        Assert.Equal(TimeSpan.Zero, recorded.Created.Offset);
    }

    [Fact]
    public async Task Empty_metadata_reads_back_empty()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

        Assert.Equal(EventMetadata.Empty, Assert.Single(await store.ReadAsync(stream)).Metadata);
    }

    [Fact]
    public async Task Revisions_are_zero_based_and_the_result_names_the_last_one()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        var first = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2));
        var second = await store.AppendOkAsync(stream, ExpectedRevision.Exact(1), TestEvents.Many(1));

        Assert.Equal(1UL, first.NextExpectedRevision);
        Assert.Equal(2UL, second.NextExpectedRevision);
        Assert.True(second.Position > first.Position);
        Assert.Equal([0UL, 1UL, 2UL], (await store.ReadAsync(stream)).Select(e => e.StreamRevision));
    }

    [Fact]
    public async Task Append_result_position_is_the_last_event_position()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        var success = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        var events = await store.ReadAsync(stream);
        Assert.Equal(success.Position, events[^1].Position);
        Assert.True(events[0].Position < events[1].Position && events[1].Position < events[2].Position);
    }

    [Fact]
    public async Task NoStream_succeeds_on_a_new_stream()
    {
        var store = await CreateStoreAsync();

        var success = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());

        Assert.Equal(0UL, success.NextExpectedRevision);
    }

    [Fact]
    public async Task NoStream_on_an_existing_stream_is_a_wrong_expected_revision_with_the_actual_one()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2));

        var result = await store.AppendAsync(stream, ExpectedRevision.NoStream, [TestEvents.New()], Ct);

        var wrong = Assert.IsType<AppendResult.WrongExpectedRevision>(result);
        Assert.Equal(ExpectedRevision.NoStream, wrong.Expected);
        Assert.Equal(1UL, wrong.ActualRevision);
    }

    [Fact]
    public async Task StreamExists_on_a_missing_stream_is_a_wrong_expected_revision_without_actual_revision()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        var result = await store.AppendAsync(stream, ExpectedRevision.StreamExists, [TestEvents.New()], Ct);

        var wrong = Assert.IsType<AppendResult.WrongExpectedRevision>(result);
        Assert.Equal(ExpectedRevision.StreamExists, wrong.Expected);
        Assert.Null(wrong.ActualRevision);
        Assert.Empty(await store.ReadAsync(stream));
    }

    [Fact]
    public async Task StreamExists_succeeds_on_an_existing_stream()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

        var success = await store.AppendOkAsync(stream, ExpectedRevision.StreamExists, TestEvents.New());

        Assert.Equal(1UL, success.NextExpectedRevision);
    }

    [Fact]
    public async Task Exact_revision_succeeds_when_it_is_the_current_one()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        var success = await store.AppendOkAsync(stream, ExpectedRevision.Exact(2), TestEvents.New());

        Assert.Equal(3UL, success.NextExpectedRevision);
    }

    [Fact]
    public async Task Exact_revision_behind_the_stream_is_a_wrong_expected_revision_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        var result = await store.AppendAsync(stream, ExpectedRevision.Exact(1), TestEvents.Many(2), Ct);

        var wrong = Assert.IsType<AppendResult.WrongExpectedRevision>(result);
        Assert.Equal(ExpectedRevision.Exact(1), wrong.Expected);
        Assert.Equal(2UL, wrong.ActualRevision);
        Assert.Equal(3, (await store.ReadAsync(stream)).Count);
    }

    [Fact]
    public async Task Exact_revision_ahead_of_the_stream_is_a_wrong_expected_revision()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

        var result = await store.AppendAsync(stream, ExpectedRevision.Exact(5), [TestEvents.New()], Ct);

        Assert.Equal(0UL, Assert.IsType<AppendResult.WrongExpectedRevision>(result).ActualRevision);
    }

    [Fact]
    public async Task Exact_revision_on_a_missing_stream_is_a_wrong_expected_revision_without_actual_revision()
    {
        var store = await CreateStoreAsync();

        var result = await store.AppendAsync(TestEvents.UniqueStream(), ExpectedRevision.Exact(0), [TestEvents.New()], Ct);

        Assert.Null(Assert.IsType<AppendResult.WrongExpectedRevision>(result).ActualRevision);
    }

    [Fact]
    public async Task Any_succeeds_on_new_and_existing_streams()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        var first = await store.AppendOkAsync(stream, ExpectedRevision.Any, TestEvents.New());
        var second = await store.AppendOkAsync(stream, ExpectedRevision.Any, TestEvents.New());

        Assert.Equal(0UL, first.NextExpectedRevision);
        Assert.Equal(1UL, second.NextExpectedRevision);
    }

    [Fact]
    public async Task A_multi_event_append_is_atomic()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

        var rejected = await store.AppendAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(5), Ct);
        var accepted = TestEvents.Many(5);
        await store.AppendOkAsync(stream, ExpectedRevision.Exact(0), accepted);

        Assert.IsType<AppendResult.WrongExpectedRevision>(rejected);
        var events = await store.ReadAsync(stream);
        Assert.Equal(6, events.Count);
        Assert.Equal(accepted.Select(e => e.EventId), events.Skip(1).Select(e => e.EventId));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], events.Skip(1).Select(e => e.StreamRevision));
    }

    [Fact]
    public async Task An_append_without_events_is_rejected()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync(TestEvents.UniqueStream(), ExpectedRevision.Any, [], Ct));
    }

    [Fact]
    public async Task A_retried_append_returns_the_original_result_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var events = TestEvents.Many(2);
        var original = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, events);

        var retry = await store.AppendAsync(stream, ExpectedRevision.NoStream, events, Ct);

        Assert.Equal(original, retry);
        Assert.Equal(events.Select(e => e.EventId), (await store.ReadAsync(stream)).Select(e => e.EventId));
    }

    [Fact]
    public async Task A_retried_append_with_an_exact_revision_returns_the_original_result_after_the_stream_moved_on()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());
        var events = TestEvents.Many(2);
        var original = await store.AppendOkAsync(stream, ExpectedRevision.Exact(0), events);
        await store.AppendOkAsync(stream, ExpectedRevision.Exact(2), TestEvents.New());

        var retry = await store.AppendAsync(stream, ExpectedRevision.Exact(0), events, Ct);

        Assert.Equal(original, retry);
        Assert.Equal(4, (await store.ReadAsync(stream)).Count);
    }

    [Fact]
    public async Task A_retried_append_with_any_revision_returns_the_original_result()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var e = TestEvents.New();
        var original = await store.AppendOkAsync(stream, ExpectedRevision.Any, e);

        var retry = await store.AppendAsync(stream, ExpectedRevision.Any, [e], Ct);

        Assert.Equal(original, retry);
        Assert.Single(await store.ReadAsync(stream));
    }
}
