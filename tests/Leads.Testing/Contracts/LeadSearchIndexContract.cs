using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;

namespace Leads.Testing.Contracts;

/// <summary>
/// What every search index adapter must store: batches with their checkpoint, durably; parked events; rewinds; and
/// erasure. A test class per adapter derives from this with the adapter's <see cref="ISearchIndexHost"/>.
/// </summary>
public abstract class LeadSearchIndexContract(ISearchIndexHost host) : LeadSearchIndexUnderTest(host)
{
    [Fact]
    public async Task A_new_index_has_no_checkpoint()
    {
        Assert.Null(await Index.ReadCheckpointAsync(Cancel));
    }

    [Fact]
    public async Task The_checkpoint_survives_a_reopen_with_its_documents()
    {
        await Index.CommitAsync(Batch(Lead1410) with { Checkpoint = At(42) }, Cancel);
        await Index.FlushAsync(Cancel);

        await ReopenAsync();

        Assert.Equal((At(42), 1410L), (await Index.ReadCheckpointAsync(Cancel), (await SearchOneAsync("stefan@old.example")).LeadId));
    }

    [Fact]
    public async Task Closing_the_index_makes_the_last_batch_durable()
    {
        await Index.CommitAsync(Batch(Lead1410) with { Checkpoint = At(42) }, Cancel);

        await ReopenAsync();

        Assert.Equal(At(42), await Index.ReadCheckpointAsync(Cancel));
    }

    [Fact]
    public async Task A_committed_batch_is_searchable_within_the_deadline_without_a_flush()
    {
        await Index.CommitAsync(Batch(Lead1410), Cancel);

        await Eventually.IsTrueAsync(async () => (await SearchAsync("03-2724")).Count == 1, VisibilityDeadline, "the batch to be searchable", Cancel);
    }

    [Fact]
    public async Task Loading_returns_stored_documents_with_their_positions_including_the_last_batch()
    {
        await Index.CommitAsync(Batch(Lead1410), Cancel);

        var loaded = await Index.LoadAsync(["lead-1410", "lead-9"], Cancel);

        Assert.Equal(["lead-1410"], loaded.Keys);
        Assert.Equal((Lead1410, Lead1410.Position), (loaded["lead-1410"].Document, loaded["lead-1410"].Position));
    }

    [Fact]
    public async Task An_older_document_does_not_replace_a_newer_one()
    {
        var older = SearchLeads.Fold(1, SearchLeads.Story1410[..4]);
        await WriteAsync(Lead1410);

        await WriteAsync(older);

        Assert.Equal(Lead1410, (await Index.LoadAsync(["lead-1410"], Cancel))["lead-1410"].Document);
    }

    [Fact]
    public async Task Replaying_the_same_batch_leaves_one_document()
    {
        await WriteAsync(Lead1410);

        await WriteAsync(Lead1410);

        Assert.Single(await SearchAsync("stefan"));
    }

    [Fact]
    public async Task A_replayed_older_batch_in_the_same_unflushed_window_is_skipped_too()
    {
        await Index.CommitAsync(Batch(Lead1410), Cancel);
        await Index.CommitAsync(Batch(SearchLeads.Fold(1, SearchLeads.Story1410[..4])), Cancel);
        await Index.FlushAsync(Cancel);

        Assert.True((await SearchOneAsync("050-8139904")) is { Historical: false });
    }

    [Fact]
    public async Task Rewinding_everything_forgets_every_document_and_the_checkpoint()
    {
        await WriteAsync(Lead1410);

        await Index.RewindAsync(ProjectionRewind<LeadSearchDocument>.Everything, Cancel);

        Assert.Equal((0, (GlobalPosition?)null), ((await SearchAsync("stefan")).Count, await Index.ReadCheckpointAsync(Cancel)));
    }

    [Fact]
    public async Task Rewinding_from_a_position_replaces_and_deletes_documents_and_sets_the_checkpoint()
    {
        var anna = Lead(7, "Anna", "anna@example.com", "0123456", 20);
        await WriteAsync(Lead1410, anna);
        var before = SearchLeads.Fold(1, SearchLeads.Story1410[..4]);

        await Index.RewindAsync(new ProjectionRewind<LeadSearchDocument>(
            At(5),
            [new RewoundDocument<LeadSearchDocument>("lead-1410", before, before.Position), new RewoundDocument<LeadSearchDocument>("lead-7", null, null)],
            before.Position), Cancel);

        Assert.Equal(
            (before.Position, (GlobalPosition?)before.Position, 0, false),
            ((await Index.LoadAsync(["lead-1410"], Cancel))["lead-1410"].Position, await Index.ReadCheckpointAsync(Cancel),
             (await SearchAsync("anna")).Count, (await SearchOneAsync("03-2724")).Historical));
    }

    [Fact]
    public async Task Streams_changed_since_a_position_are_listed()
    {
        await WriteAsync(Lead1410, Lead(7, "Anna", "anna@example.com", "0123456", 20));

        Assert.Equal(["lead-7"], await Index.ListStreamsChangedSinceAsync(At(10), Cancel));
    }

    [Fact]
    public async Task The_last_position_before_a_reset_point_is_the_newest_write_below_it()
    {
        await WriteAsync(Lead1410, Lead(7, "Anna", "anna@example.com", "0123456", 20), Lead(8, "Berta", "b@example.com", "0123456", 30));

        Assert.Equal((At(23), (GlobalPosition?)null), (await Index.ReadLastPositionBeforeAsync(At(30), Cancel), await Index.ReadLastPositionBeforeAsync(At(1), Cancel)));
    }

    [Fact]
    public async Task Parked_events_are_stored_with_the_batch_and_listed_in_position_order()
    {
        var second = Parked("lead-9", 12);
        var first = Parked("lead-9", 11);
        await Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([], [second, first], At(12)), Cancel);

        Assert.Equal([first, second], await Index.ListParkedAsync("lead-9", Cancel));
        Assert.Equal(2, await Index.CountParkedAsync(Cancel));
    }

    [Fact]
    public async Task A_completed_parked_replay_writes_the_document_and_removes_what_it_applied()
    {
        var parked = Parked("lead-1410", 8);
        await Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([SearchLeads.Write(SearchLeads.Fold(1, SearchLeads.Story1410[..7]))], [parked], At(8)), Cancel);

        await Index.CompleteParkedReplayAsync(new ParkedReplay<LeadSearchDocument>(SearchLeads.Write(Lead1410), [parked], null), Cancel);

        Assert.Equal((0, (Domain.LeadStatus?)Domain.LeadStatus.Converted), (await Index.CountParkedAsync(Cancel), (await SearchOneAsync("stefan")).Status));
    }

    [Fact]
    public async Task Rewinding_from_a_position_removes_parked_events_at_or_after_it()
    {
        await Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([], [Parked("lead-9", 5), Parked("lead-9", 9)], At(9)), Cancel);

        await Index.RewindAsync(new ProjectionRewind<LeadSearchDocument>(At(9), [], At(8)), Cancel);

        Assert.Equal([At(5)], (await Index.ListParkedAsync(null, Cancel)).Select(p => p.Position));
    }

    private static ParkedEvent Parked(string streamId, ulong position) =>
        new(streamId, position, At(position), Guid.NewGuid(), LeadEventTypes.NameChanged, DateTimeOffset.UnixEpoch.AddSeconds(position),
            Held: false, Error: "cannot read", Attempts: 3, ParkedAt: DateTimeOffset.UnixEpoch);

    private static LeadSearchDocument Forgotten1410 =>
        SearchLeads.Fold(1, [.. SearchLeads.Story1410, new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["email"], [])]);

    [Theory]
    [InlineData("stefan@old.example")]
    [InlineData("stefan@new.example")]
    [InlineData("03-27243457")]
    [InlineData("050-8139904")]
    [InlineData("0327")]
    [InlineData("stefan")]
    [InlineData("muller")]
    public async Task A_forgotten_lead_is_found_by_nothing_it_was_ever_known_by(string text)
    {
        await WriteAsync(Lead1410);
        Assert.NotEmpty(await SearchAsync(text));

        await WriteAsync(Forgotten1410);

        Assert.Empty(await SearchAsync(text));
    }

    [Fact]
    public async Task A_forgotten_lead_keeps_its_document_position_so_a_replayed_event_is_skipped()
    {
        await WriteAsync(Forgotten1410);

        await WriteAsync(Lead1410);

        Assert.Empty(await SearchAsync("stefan@new.example"));
    }
}
