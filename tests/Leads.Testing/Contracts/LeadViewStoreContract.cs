using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Views;

namespace Leads.Testing.Contracts;

/// <summary>
/// What every view store (SQLite now, MongoDB later) must do, through its two ports: the projector's
/// <see cref="IProjectionStore{TDoc}"/> and the query side's <see cref="ILeadViewStore"/>. An adapter's test class
/// subclasses this and says how to create an empty store. The ListFollowups part is in <see cref="FollowupListingContract"/>
/// (this class's base, so one subclass runs both).
/// </summary>
public abstract class LeadViewStoreContract : FollowupListingContract
{
    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static DocumentWrite<LeadReadModel> Doc(long leadId, int firstPosition, GlobalPosition? previous, params ILeadEvent[] events)
    {
        var contexts = events.Select((e, i) => ((object)e, new EventContext(
            LeadStream.Name(leadId), (ulong)i, GlobalPosition.FromSequence((ulong)(firstPosition + i)), Guid.NewGuid(),
            LeadEventTypes.Of(e), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(firstPosition + i), EventMetadata.Empty)));
        var model = LeadReadModelProjection.Definition.Fold(LeadStream.Name(leadId), contexts);
        return new DocumentWrite<LeadReadModel>(LeadStream.Name(leadId), model, model.View.Position, previous);
    }

    internal static ILeadEvent[] Lead(long id, LeadStatus status = LeadStatus.Available) =>
        [new LeadWasInitialized(id), new NameChanged(id, $"Lead {id}"), new StatusChanged(id, status)];

    private static ParkedEvent Parked(long leadId, ulong position, bool held = false) =>
        new(LeadStream.Name(leadId), position, GlobalPosition.FromSequence(position), Guid.NewGuid(), LeadEventTypes.NameChanged,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), held, held ? "held back" : "JsonException: bad", held ? 0 : 3,
            new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero));

    internal static Task Commit(IProjectionStore<LeadReadModel> writer, ulong checkpoint, params DocumentWrite<LeadReadModel>[] docs) =>
        writer.CommitAsync(new ProjectionCommit<LeadReadModel>(docs, [], GlobalPosition.FromSequence(checkpoint)), Ct);

    [Fact]
    public async Task A_committed_view_reads_back_exactly()
    {
        var (reader, writer) = CreateStore();
        var doc = Doc(1410, 1, null, [.. Lead(1410), new StatusChanged(1410, LeadStatus.FollowUp), new FollowupSet(1410, new DateOnly(2016, 11, 23))]);
        await Commit(writer, 5, doc);

        Assert.Equal(doc.Document.View, await reader.GetLeadAsync(1410, Ct));
    }

    [Fact]
    public async Task An_unknown_lead_is_null()
    {
        var (reader, _) = CreateStore();

        Assert.Null(await reader.GetLeadAsync(99, Ct));
    }

    [Fact]
    public async Task The_status_history_reads_back_in_order_with_recorded_times()
    {
        var (reader, writer) = CreateStore();
        var doc = Doc(7, 1, null, [.. Lead(7), new StatusChanged(7, LeadStatus.Closed), new StatusChanged(7, LeadStatus.Available)]);
        await Commit(writer, 5, doc);

        Assert.Equal(doc.Document.StatusLog.Entries, await reader.GetStatusHistoryAsync(7, Ct));
    }

    [Fact]
    public async Task The_checkpoint_is_committed_with_the_batch()
    {
        var (reader, writer) = CreateStore();
        Assert.Null(await reader.ReadCheckpointAsync(Ct));

        await Commit(writer, 42, Doc(1, 1, null, Lead(1)));

        Assert.Equal(GlobalPosition.FromSequence(42), await reader.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task A_commit_never_moves_the_checkpoint_back()
    {
        var (reader, writer) = CreateStore();
        await Commit(writer, 42);
        await Commit(writer, 40);

        Assert.Equal(GlobalPosition.FromSequence(42), await reader.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task A_write_at_or_below_the_stored_position_is_skipped()
    {
        var (reader, writer) = CreateStore();
        var newer = Doc(1, 1, null, [.. Lead(1), new NameChanged(1, "Newer")]);
        await Commit(writer, 4, newer);

        await Commit(writer, 4, Doc(1, 1, null, Lead(1)));
        await Commit(writer, 4, newer with { Document = newer.Document with { View = newer.Document.View with { Name = "Same position" } } });

        Assert.Equal("Newer", (await reader.GetLeadAsync(1, Ct))!.Name);
    }

    [Fact]
    public async Task Replaying_a_batch_adds_no_status_entry_twice()
    {
        var (reader, writer) = CreateStore();
        var doc = Doc(1, 1, null, [.. Lead(1), new StatusChanged(1, LeadStatus.Closed)]);
        await Commit(writer, 4, doc);
        await Commit(writer, 4, doc);

        Assert.Equal(2, (await reader.GetStatusHistoryAsync(1, Ct)).Count);
    }

    [Fact]
    public async Task Load_returns_stored_documents_with_their_positions_and_skips_unknown_streams()
    {
        var (_, writer) = CreateStore();
        var doc = Doc(1, 1, null, Lead(1));
        await Commit(writer, 3, doc);

        var loaded = await writer.LoadAsync(["lead-1", "lead-2"], Ct);

        Assert.Equal((1, doc.Document.View, GlobalPosition.FromSequence(3)), (loaded.Count, loaded["lead-1"].Document.View, loaded["lead-1"].Position));
        Assert.Equal(doc.Document.StatusLog, loaded["lead-1"].Document.StatusLog);
    }

    [Fact]
    public async Task Listing_by_status_pages_through_every_lead_once_in_id_order()
    {
        var (reader, writer) = CreateStore();
        var docs = Enumerable.Range(1, 25).Select(i => Doc(i, i * 10, null, Lead(i, i % 2 == 0 ? LeadStatus.Closed : LeadStatus.Available))).ToArray();
        await Commit(writer, 1000, docs);

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await reader.ListByStatusAsync(LeadStatus.Available, 4, token, Ct);
            Assert.True(page.Leads.Count <= 4);
            seen.AddRange(page.Leads.Select(l => l.LeadId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(1, 25).Where(i => i % 2 == 1).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Listing_without_a_status_lists_all_leads()
    {
        var (reader, writer) = CreateStore();
        await Commit(writer, 100, Doc(1, 1, null, Lead(1)), Doc(2, 10, null, Lead(2, LeadStatus.Closed)));

        var page = await reader.ListByStatusAsync(null, 10, null, Ct);

        Assert.Equal([1L, 2L], page.Leads.Select(l => l.LeadId));
        Assert.Null(page.NextPageToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(501)]
    public async Task A_page_size_outside_1_to_500_is_refused(int size)
    {
        var (reader, _) = CreateStore();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ListByStatusAsync(null, size, null, Ct));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("!!!")]
    [InlineData("djF8MHwxMHwwMDAwMDAwMDAwMDA")]
    public async Task A_page_token_this_listing_did_not_issue_is_refused(string token)
    {
        var (reader, _) = CreateStore();

        await Assert.ThrowsAsync<InvalidPageTokenException>(() => reader.ListByStatusAsync(null, 10, token, Ct));
    }

    [Fact]
    public async Task A_page_token_of_another_status_is_refused()
    {
        var (reader, writer) = CreateStore();
        await Commit(writer, 100, Doc(1, 1, null, Lead(1)), Doc(2, 10, null, Lead(2)));
        var first = await reader.ListByStatusAsync(LeadStatus.Available, 1, null, Ct);

        await Assert.ThrowsAsync<InvalidPageTokenException>(() => reader.ListByStatusAsync(LeadStatus.Closed, 1, first.NextPageToken, Ct));
    }

    [Fact]
    public async Task Parked_events_are_listed_per_stream_in_position_order_and_counted()
    {
        var (reader, writer) = CreateStore();
        await writer.CommitAsync(new ProjectionCommit<LeadReadModel>([], [Parked(2, 7, held: true), Parked(2, 5), Parked(3, 6)], GlobalPosition.FromSequence(7)), Ct);

        var lead2 = await reader.ListParkedAsync("lead-2", Ct);

        Assert.Equal([5UL, 7UL], lead2.Select(p => p.Position.Commit));
        Assert.Equal([false, true], lead2.Select(p => p.Held));
        Assert.Equal(3, await reader.CountParkedAsync(Ct));
        Assert.Equal(Parked(2, 5) with { EventId = lead2[0].EventId }, lead2[0]);
    }

    [Fact]
    public async Task Completing_a_parked_replay_writes_the_document_and_removes_what_applied()
    {
        var (reader, writer) = CreateStore();
        await writer.CommitAsync(new ProjectionCommit<LeadReadModel>([], [Parked(2, 5), Parked(2, 7, held: true)], GlobalPosition.FromSequence(7)), Ct);
        var parked = await reader.ListParkedAsync("lead-2", Ct);
        var doc = Doc(2, 1, null, Lead(2));

        await writer.CompleteParkedReplayAsync(new ParkedReplay<LeadReadModel>(doc, [parked[0]], parked[1] with { Held = false, Error = "still bad" }), Ct);

        var left = Assert.Single(await reader.ListParkedAsync("lead-2", Ct));
        Assert.Equal((7UL, false, "still bad", "Lead 2"), (left.Position.Commit, left.Held, left.Error, (await reader.GetLeadAsync(2, Ct))!.Name));
    }

    [Fact]
    public async Task Rewinding_everything_empties_the_store_and_clears_the_checkpoint()
    {
        var (reader, writer) = CreateStore();
        await writer.CommitAsync(new ProjectionCommit<LeadReadModel>([Doc(1, 1, null, Lead(1))], [Parked(2, 5)], GlobalPosition.FromSequence(9)), Ct);

        await writer.RewindAsync(ProjectionRewind<LeadReadModel>.Everything, Ct);

        Assert.Equal((null, (GlobalPosition?)null, 0, 0), (await reader.GetLeadAsync(1, Ct), await reader.ReadCheckpointAsync(Ct), (await reader.GetStatusHistoryAsync(1, Ct)).Count, await reader.CountParkedAsync(Ct)));
    }

    [Fact]
    public async Task Rewinding_from_a_position_replaces_touched_documents_and_drops_what_came_at_or_after_it()
    {
        var (reader, writer) = CreateStore();
        var before = Doc(1, 1, null, Lead(1));
        var after = Doc(1, 1, null, [.. Lead(1), new StatusChanged(1, LeadStatus.Closed)]);
        await writer.CommitAsync(new ProjectionCommit<LeadReadModel>([after, Doc(2, 10, null, Lead(2))], [Parked(3, 2), Parked(3, 11, held: true)], GlobalPosition.FromSequence(12)), Ct);

        await writer.RewindAsync(
            new ProjectionRewind<LeadReadModel>(GlobalPosition.FromSequence(4), [new RewoundDocument<LeadReadModel>("lead-1", before.Document, before.Position), new RewoundDocument<LeadReadModel>("lead-2", null, null)], GlobalPosition.FromSequence(3)),
            Ct);

        Assert.Equal(before.Document.View, await reader.GetLeadAsync(1, Ct));
        Assert.Equal(before.Document.StatusLog.Entries, await reader.GetStatusHistoryAsync(1, Ct));
        Assert.Null(await reader.GetLeadAsync(2, Ct));
        Assert.Equal([2UL], (await reader.ListParkedAsync(null, Ct)).Select(p => p.Position.Commit));
        Assert.Equal(GlobalPosition.FromSequence(3), await reader.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task Streams_changed_since_and_last_position_before_a_position_are_found()
    {
        var (_, writer) = CreateStore();
        await writer.CommitAsync(new ProjectionCommit<LeadReadModel>([Doc(1, 1, null, Lead(1)), Doc(2, 10, null, Lead(2))], [Parked(3, 6)], GlobalPosition.FromSequence(12)), Ct);

        Assert.Equal(["lead-2"], await writer.ListStreamsChangedSinceAsync(GlobalPosition.FromSequence(5), Ct));
        Assert.Equal(GlobalPosition.FromSequence(6), await writer.ReadLastPositionBeforeAsync(GlobalPosition.FromSequence(10), Ct));
        Assert.Null(await writer.ReadLastPositionBeforeAsync(GlobalPosition.FromSequence(1), Ct));
    }
}
