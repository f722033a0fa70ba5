using Grpc.Core;
using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.Domain;

namespace Leads.CommandService.Tests;

/// <summary>command_id: a retry returns the original reply and writes nothing; a reused key for another command is refused.</summary>
public abstract class IdempotencyTests(CommandServiceFixture fixture)
{
    private readonly LeadCommands.LeadCommandsClient _client = fixture.Running().Client;

    [Fact]
    public async Task A_retried_initialize_returns_the_original_reply_and_writes_nothing()
    {
        var leadId = fixture.NewLeadId();
        var key = $"init-{leadId}";
        var first = await _client.InitializeAsync(leadId, key);
        var head = await HeadAsync();

        var retry = await _client.InitializeAsync(leadId, key);

        Assert.Equal(first, retry);
        Assert.Equal(head, await HeadAsync());
        await using var store = fixture.OpenStore();
        Assert.Equal(4, (await store.ReadStreamAsync(LeadStream.Name(leadId))).Count);
        Assert.Equal(KeyRecord.ReservedThenHandled, (await store.ReadStreamAsync(CommandKey.RecordStream(key))).Select(e => e.EventType));
    }

    [Fact]
    public async Task A_retried_change_returns_the_original_reply_even_after_later_changes()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        var first = await _client.RenameAsync(leadId, "First", commandId: $"rename-{leadId}");
        await _client.RenameAsync(leadId, "Second");
        var head = await HeadAsync();

        var retry = await _client.RenameAsync(leadId, "First", commandId: $"rename-{leadId}");

        Assert.Equal(first, retry);
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task A_no_op_is_recorded_and_its_retry_is_still_the_no_op_reply()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        var noOp = await _client.ChangeStatusAsync(leadId, LeadStatus.Available, commandId: $"noop-{leadId}");
        await _client.ChangeStatusAsync(leadId, LeadStatus.Closed);

        var retry = await _client.ChangeStatusAsync(leadId, LeadStatus.Available, commandId: $"noop-{leadId}");

        Assert.True(noOp.NoOp);
        Assert.Equal(noOp, retry);
    }

    [Fact]
    public async Task The_same_key_for_a_different_command_is_InvalidArgument_on_command_id()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        await _client.RenameAsync(leadId, "Ada", commandId: $"reuse-{leadId}");
        var head = await HeadAsync();

        var error = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => _client.RenameAsync(leadId, "Grace", commandId: $"reuse-{leadId}"));

        Assert.Equal("command_id", error.Trailer("field"));
        Assert.Contains("already used for a different command", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task The_same_key_for_another_RPC_or_lead_is_InvalidArgument()
    {
        var leadId = fixture.NewLeadId();
        var otherLead = fixture.NewLeadId();
        await _client.InitializeAsync(leadId, commandId: $"shared-{leadId}");

        await Calls.RefusedAsync(StatusCode.InvalidArgument, () => _client.InitializeAsync(otherLead, commandId: $"shared-{leadId}"));
        await Calls.RefusedAsync(StatusCode.InvalidArgument, () => _client.RenameAsync(leadId, "Other", commandId: $"shared-{leadId}"));
    }

    [Fact]
    public async Task Keys_with_odd_characters_are_kept_apart_by_a_hashed_record_stream()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);
        const string odd = "order #17 / line 2 ~ {retry}";

        var first = await _client.RenameAsync(leadId, "Odd Key", commandId: odd + leadId);
        var retry = await _client.RenameAsync(leadId, "Odd Key", commandId: odd + leadId);

        Assert.Equal(first, retry);
        Assert.StartsWith("command-~", CommandKey.RecordStream(odd + leadId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_command_append_once_and_get_one_reply()
    {
        var leadId = fixture.NewLeadId();
        await _client.InitializeAsync(leadId);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => _client.RenameAsync(leadId, "Raced", commandId: $"dup-{leadId}")));

        Assert.Single(replies.Distinct());
        await using var store = fixture.OpenStore();
        Assert.Single((await store.ReadStreamAsync(LeadStream.Name(leadId))), e => e.Metadata.CommandId == $"dup-{leadId}");
    }

    private async Task<EventStore.GlobalPosition?> HeadAsync()
    {
        await using var store = fixture.OpenStore();
        return await store.HeadAsync();
    }

    [Collection(CommandServiceCollection.Name)]
    public sealed class OnSqlite(CommandServiceFixture fixture) : IdempotencyTests(fixture);

    [Collection(EventStoreDbCommandServiceCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbCommandServiceFixture fixture) : IdempotencyTests(fixture);
}
