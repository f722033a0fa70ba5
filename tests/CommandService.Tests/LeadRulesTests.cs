using Grpc.Core;
using Leads.Contracts.V1;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.Domain;
using Leads.Domain.Events;

namespace Leads.CommandService.Tests;

/// <summary>Every lead rule, over gRPC against the running service.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class LeadRulesTests(CommandServiceFixture fixture)
{
    private readonly LeadCommands.LeadCommandsClient _client = fixture.Client;

    [Fact]
    public async Task Initialize_records_four_events_and_replies_revision_3_with_a_position()
    {
        var leadId = fixture.NewLeadId();

        var reply = await _client.InitializeAsync(leadId);

        Assert.Equal(leadId, reply.LeadId);
        Assert.Equal(3ul, reply.Revision);
        Assert.True(reply.Position > 0);
        Assert.False(reply.NoOp);
        Assert.False(reply.Rebased);
        await using var store = fixture.OpenStore();
        var events = await store.ReadStreamAsync(LeadStream.Name(leadId));
        Assert.Equal(
            [LeadEventTypes.LeadWasInitialized, LeadEventTypes.NameChanged, LeadEventTypes.ContactInfoChanged, LeadEventTypes.StatusChanged],
            events.Select(e => e.EventType));
        Assert.Equal(reply.Position, events[^1].Position.Value);
    }

    [Fact]
    public async Task Initialize_of_an_existing_lead_is_AlreadyExists()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var error = await Calls.RefusedAsync(StatusCode.AlreadyExists, () => _client.InitializeAsync(leadId));

        Assert.Contains(leadId.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ChangeName")]
    [InlineData("ChangeContactInfo")]
    [InlineData("ChangeStatus")]
    [InlineData("SetFollowup")]
    public async Task A_change_to_a_missing_lead_is_NotFound(string rpc)
    {
        var leadId = fixture.NewLeadId();

        await Calls.RefusedAsync(StatusCode.NotFound, () => rpc switch
        {
            "ChangeName" => _client.RenameAsync(leadId, "Nobody"),
            "ChangeContactInfo" => _client.ChangeContactAsync(leadId, "nobody@example.com", "12345"),
            "ChangeStatus" => _client.ChangeStatusAsync(leadId, LeadStatus.Closed),
            _ => _client.SetFollowupAsync(leadId, "2030-01-01"),
        });
    }

    [Fact]
    public async Task Each_change_appends_one_event_and_advances_the_revision()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var renamed = await _client.RenameAsync(leadId, "Stefan");
        var contact = await _client.ChangeContactAsync(leadId, "Stefan@New.Example", "050-8139904");
        var followUp = await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        var date = await _client.SetFollowupAsync(leadId, "2016-11-23");

        Assert.Equal([4ul, 5ul, 6ul, 7ul], new[] { renamed.Revision, contact.Revision, followUp.Revision, date.Revision });
        Assert.True(renamed.Position < contact.Position && contact.Position < followUp.Position && followUp.Position < date.Position);
        var state = await FoldAsync(leadId);
        Assert.Equal(("Stefan", "stefan@new.example", "050-8139904", LeadStatus.FollowUp, new DateOnly(2016, 11, 23)),
            (state.Name, state.Email, state.Phone, (LeadStatus)state.Status!, state.FollowupOn!.Value));
    }

    [Fact]
    public async Task Renaming_to_the_same_name_is_a_no_op_that_writes_nothing()
    {
        var leadId = fixture.NewLeadId();
        var initialized = await _client.InitializeAsync(leadId);

        var reply = await _client.RenameAsync(leadId, $"Lead {leadId}");

        Assert.Equal((true, 3ul, initialized.Position), (reply.NoOp, reply.Revision, reply.Position));
        Assert.Equal(4, (await ReadLeadAsync(leadId)).Count);
    }

    [Fact]
    public async Task Same_contact_info_is_a_no_op_even_when_the_email_differs_in_case()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var reply = await _client.ChangeContactAsync(leadId, $"LEAD{leadId}@Example.com", "03-27243457");

        Assert.True(reply.NoOp);
        Assert.Equal(3ul, reply.Revision);
    }

    [Fact]
    public async Task Same_status_is_a_no_op()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var reply = await _client.ChangeStatusAsync(leadId, LeadStatus.Available);

        Assert.True(reply.NoOp);
        Assert.Equal(3ul, reply.Revision);
    }

    [Fact]
    public async Task Same_followup_date_is_a_no_op()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        var set = await _client.SetFollowupAsync(leadId, "2030-05-01");

        var again = await _client.SetFollowupAsync(leadId, "2030-05-01");

        Assert.Equal((true, set.Revision, set.Position), (again.NoOp, again.Revision, again.Position));
    }

    [Theory]
    [InlineData(LeadStatus.Available)]
    [InlineData(LeadStatus.Closed)]
    [InlineData(LeadStatus.Converted)]
    public async Task A_followup_can_only_be_set_while_in_Follow_up(LeadStatus status)
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        if (status != LeadStatus.Available)
        {
            await _client.ChangeStatusAsync(leadId, status);
        }

        await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => _client.SetFollowupAsync(leadId, "2030-01-01"));
    }

    [Fact]
    public async Task Leaving_Follow_up_clears_the_followup_date()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        await _client.SetFollowupAsync(leadId, "2030-01-01");

        await _client.ChangeStatusAsync(leadId, LeadStatus.Available);
        await _client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        var again = await _client.SetFollowupAsync(leadId, "2030-01-01");

        Assert.False(again.NoOp);
        Assert.Null((await FoldAsync(leadId, upToRevision: again.Revision - 1)).FollowupOn);
    }

    [Theory]
    [InlineData(LeadStatus.Available)]
    [InlineData(LeadStatus.FollowUp)]
    [InlineData(LeadStatus.Closed)]
    public async Task Converted_is_terminal(LeadStatus next)
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.Converted);

        await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => _client.ChangeStatusAsync(leadId, next));
    }

    [Fact]
    public async Task Closed_reopens_to_Available()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.Closed);

        var reopened = await _client.ChangeStatusAsync(leadId, LeadStatus.Available);

        Assert.Equal((5ul, false), (reopened.Revision, reopened.NoOp));
    }

    [Theory]
    [InlineData(LeadStatus.FollowUp)]
    [InlineData(LeadStatus.Converted)]
    public async Task Closed_moves_only_to_Available(LeadStatus next)
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.ChangeStatusAsync(leadId, LeadStatus.Closed);

        await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => _client.ChangeStatusAsync(leadId, next));
    }

    [Fact]
    public async Task Every_event_carries_correlation_causation_caller_and_trace_context()
    {
        var leadId = fixture.NewLeadId();
        // x-caller is no longer trusted: the caller is the token's subject only.
        var headers = new Metadata { { "x-correlation-id", "conversation-42" }, { "x-caller", "billing" } };

        await _client.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345", CommandId = $"meta-{leadId}" },
            headers,
            cancellationToken: TestContext.Current.CancellationToken);

        var events = await ReadLeadAsync(leadId);
        Assert.All(events, e =>
        {
            Assert.Equal("conversation-42", e.Metadata.CorrelationId);
            Assert.Equal($"meta-{leadId}", e.Metadata.CausationId);
            Assert.Equal($"meta-{leadId}", e.Metadata.CommandId);
            Assert.Equal(Leads.Testing.TestTokens.Subject, e.Metadata.UserId);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", e.Metadata.TraceParent);
            Assert.False(string.IsNullOrEmpty(e.Metadata.CommandFingerprint));
        });
    }

    [Fact]
    public async Task Without_headers_the_correlation_id_is_the_command_id_or_a_new_one()
    {
        var withKey = fixture.NewLeadId();
        var withoutKey = fixture.NewLeadId();

        await _client.InitializeAsync(withKey, commandId: $"corr-{withKey}");
        await _client.InitializeAsync(withoutKey);

        Assert.Equal($"corr-{withKey}", (await ReadLeadAsync(withKey))[0].Metadata.CorrelationId);
        var unkeyed = await ReadLeadAsync(withoutKey);
        Assert.False(string.IsNullOrEmpty(unkeyed[0].Metadata.CorrelationId));
        Assert.Null(unkeyed[0].Metadata.CommandId);
    }

    private async Task<IReadOnlyList<EventStore.RecordedEvent>> ReadLeadAsync(long leadId)
    {
        await using var store = fixture.OpenStore();
        return await store.ReadStreamAsync(LeadStream.Name(leadId));
    }

    /// <summary>Folds the stored events as every reader does: through the codec, with the service's key store (keys.db beside events.db).</summary>
    private async Task<LeadState> FoldAsync(long leadId, ulong upToRevision = ulong.MaxValue)
    {
        var codec = new Privacy.LeadEventCodec(new Privacy.Sqlite.SqliteLeadKeyStore(Privacy.Sqlite.SqliteLeadKeyStore.FileIn(fixture.Service.DataDirectory)));
        var state = LeadState.Initial;
        foreach (var e in (await ReadLeadAsync(leadId)).Where(e => e.StreamRevision <= upToRevision))
        {
            state = LeadState.Evolve(state, (await codec.ReadAsync(e, TestContext.Current.CancellationToken))!);
        }

        return state;
    }
}
