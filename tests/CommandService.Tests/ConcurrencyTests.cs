using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.CommandService.Tests;

/// <summary>expected_revision: a stale caller is refused only for a real conflict, otherwise rebased.</summary>
public abstract class ConcurrencyTests(CommandServiceFixture fixture)
{
    private readonly LeadCommands.LeadCommandsClient _client = fixture.Running().Client;

    [Fact]
    public async Task A_followup_set_after_a_missed_status_change_is_Aborted_naming_the_conflict()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        var seen = await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        await _client.ChangeStatusAsync(leadId, LeadStatus.Closed);

        var error = await Calls.RefusedAsync(StatusCode.Aborted, () => _client.SetFollowupAsync(leadId, "2030-01-01", seen.Revision));

        Assert.Equal("StatusChanged.v1@5", error.Trailer("conflicting-events"));
        Assert.Equal("5", error.Trailer("current-revision"));
        Assert.Contains("StatusChanged.v1@5", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_change_after_missed_status_and_followup_changes_names_them_all_in_order()
    {
        var leadId = fixture.NewLeadId();
        var seen = await _client.InitializeAsync(leadId);
        await _client.RenameAsync(leadId, "Not a conflict");
        await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        await _client.SetFollowupAsync(leadId, "2030-02-02");

        var error = await Calls.RefusedAsync(StatusCode.Aborted, () => _client.ChangeStatusAsync(leadId, LeadStatus.Closed, seen.Revision));

        Assert.Equal("StatusChanged.v1@5,FollowupSet.v1@6", error.Trailer("conflicting-events"));
        Assert.Equal("6", error.Trailer("current-revision"));
    }

    [Fact]
    public async Task A_name_change_after_a_missed_status_change_is_rebased()
    {
        var leadId = fixture.NewLeadId();
        var seen = await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);

        var reply = await _client.RenameAsync(leadId, "Rebased Name", seen.Revision);

        Assert.Equal((true, false, 5ul), (reply.Rebased, reply.NoOp, reply.Revision));
    }

    [Fact]
    public async Task A_followup_set_after_a_missed_name_change_is_rebased()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        var seen = await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        await _client.RenameAsync(leadId, "Someone else");

        var reply = await _client.SetFollowupAsync(leadId, "2031-03-03", seen.Revision);

        Assert.Equal((true, 6ul), (reply.Rebased, reply.Revision));
    }

    [Fact]
    public async Task A_name_change_after_a_missed_name_change_is_Aborted()
    {
        var leadId = fixture.NewLeadId();
        var seen = await _client.InitializeAsync(leadId);
        await _client.RenameAsync(leadId, "Theirs");

        var error = await Calls.RefusedAsync(StatusCode.Aborted, () => _client.RenameAsync(leadId, "Mine", seen.Revision));

        Assert.Equal("NameChanged.v1@4", error.Trailer("conflicting-events"));
    }

    [Fact]
    public async Task A_contact_change_after_a_missed_contact_change_is_Aborted()
    {
        var leadId = fixture.NewLeadId();
        var seen = await _client.InitializeAsync(leadId);
        await _client.ChangeContactAsync(leadId, "theirs@example.com", "11111");

        var error = await Calls.RefusedAsync(StatusCode.Aborted, () => _client.ChangeContactAsync(leadId, "mine@example.com", "22222", seen.Revision));

        Assert.Equal("ContactInfoChanged.v1@4", error.Trailer("conflicting-events"));
    }

    [Fact]
    public async Task The_current_revision_is_not_a_rebase()
    {
        var leadId = fixture.NewLeadId();
        var seen = await _client.InitializeAsync(leadId);

        var reply = await _client.RenameAsync(leadId, "Up to date", seen.Revision);

        Assert.Equal((false, 4ul), (reply.Rebased, reply.Revision));
    }

    [Fact]
    public async Task An_expected_revision_ahead_of_the_stream_is_FailedPrecondition()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var error = await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => _client.RenameAsync(leadId, "Future", 9));

        Assert.Equal("expected_revision", error.Trailer("field"));
        Assert.Contains("ahead", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expected_revision_for_a_missing_lead_is_FailedPrecondition()
    {
        var leadId = fixture.NewLeadId();

        var error = await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => _client.ChangeStatusAsync(leadId, LeadStatus.Closed, 0));

        Assert.Equal("expected_revision", error.Trailer("field"));
    }

    [Fact]
    public async Task Racing_writers_without_expected_revision_all_land_in_one_gapless_order()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => _client.RenameAsync(leadId, $"Writer {i}")));

        Assert.Equal(Enumerable.Range(4, 16).Select(r => (ulong)r), replies.Select(r => r.Revision).Order());
    }

    [Collection(CommandServiceCollection.Name)]
    public sealed class OnSqlite(CommandServiceFixture fixture) : ConcurrencyTests(fixture);

    [Collection(EventStoreDbCommandServiceCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbCommandServiceFixture fixture) : ConcurrencyTests(fixture);
}
