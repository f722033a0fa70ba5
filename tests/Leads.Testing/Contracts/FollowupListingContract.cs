using Leads.Domain;
using Leads.Domain.Events;
using Leads.Projections;
using Leads.Views;
using static Leads.Testing.Contracts.LeadViewStoreContract;

namespace Leads.Testing.Contracts;

/// <summary>
/// ListFollowups on every view store: leads in Follow-up by follow-up date, then lead id, inside a window, paged once
/// each. The base of <see cref="LeadViewStoreContract"/>: an adapter's test class subclasses that one and runs both.
/// </summary>
public abstract class FollowupListingContract
{
    /// <summary>An empty store; both ports must be the same store.</summary>
    protected abstract (ILeadViewStore Reader, IProjectionStore<LeadReadModel> Writer) CreateStore();

    private static DocumentWrite<LeadReadModel> FollowupLead(long id, int firstPosition, DateOnly? date)
    {
        ILeadEvent[] events = date is { } d
            ? [.. Lead(id, LeadStatus.FollowUp), new FollowupSet(id, d)]
            : Lead(id, LeadStatus.FollowUp);
        return Doc(id, firstPosition, null, events);
    }

    [Fact]
    public async Task Follow_ups_are_listed_by_date_then_lead_id_within_the_window_paged_once_each()
    {
        var (reader, writer) = CreateStore();
        var day = new DateOnly(2026, 12, 3);
        await Commit(writer, 1000,
            FollowupLead(5, 10, day), FollowupLead(3, 20, day), FollowupLead(9, 30, day.AddDays(-3)), FollowupLead(1, 40, day.AddDays(7)),
            FollowupLead(2, 50, day.AddDays(30)), FollowupLead(4, 60, null), Doc(6, 70, null, [.. Lead(6, LeadStatus.FollowUp), new FollowupSet(6, day), new StatusChanged(6, LeadStatus.Closed)]));

        var seen = new List<long>();
        string? token = null;
        do
        {
            var page = await reader.ListFollowupsAsync(new FollowupWindow(day.AddDays(-3), day.AddDays(7)), 2, token, Ct);
            Assert.True(page.Leads.Count <= 2);
            seen.AddRange(page.Leads.Select(l => l.LeadId));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([9L, 3L, 5L, 1L], seen);
    }

    [Fact]
    public async Task An_open_window_lists_every_dated_follow_up()
    {
        var (reader, writer) = CreateStore();
        await Commit(writer, 100, FollowupLead(1, 1, new DateOnly(2016, 11, 23)), FollowupLead(2, 10, new DateOnly(2099, 1, 1)), FollowupLead(3, 20, null));

        var page = await reader.ListFollowupsAsync(FollowupWindow.Any, 10, null, Ct);

        Assert.Equal([(1L, (DateOnly?)new DateOnly(2016, 11, 23)), (2L, new DateOnly(2099, 1, 1))], page.Leads.Select(l => (l.LeadId, l.FollowupOn)));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task A_follow_up_page_token_of_another_window_is_refused()
    {
        var (reader, writer) = CreateStore();
        await Commit(writer, 100, FollowupLead(1, 1, new DateOnly(2026, 1, 1)), FollowupLead(2, 10, new DateOnly(2026, 1, 2)));
        var first = await reader.ListFollowupsAsync(FollowupWindow.Any, 1, null, Ct);

        var refused = await Assert.ThrowsAsync<InvalidPageTokenException>(() =>
            reader.ListFollowupsAsync(new FollowupWindow(new DateOnly(2026, 1, 1), null), 1, first.NextPageToken, Ct));
        Assert.StartsWith("page_token belongs to a listing with another due_from or due_to", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidPageTokenException>(() => reader.ListFollowupsAsync(FollowupWindow.Any, 1, first.NextPageToken + "x", Ct));
    }

    [Fact]
    public async Task A_follow_up_window_that_ends_before_it_starts_or_a_bad_page_size_is_refused()
    {
        var (reader, _) = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(() => reader.ListFollowupsAsync(new FollowupWindow(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1)), 10, null, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ListFollowupsAsync(FollowupWindow.Any, 501, null, Ct));
    }
}
