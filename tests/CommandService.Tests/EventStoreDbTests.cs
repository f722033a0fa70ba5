using Grpc.Core;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.CommandService.Handling;
using Leads.Domain;
using Leads.EventStore.EventStoreDb;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// The same service on EventStoreDB, selected by configuration alone: idempotency across a restart, conflict and
/// rebase. Needs a server: set ESDB_CONNECTION (e.g. esdb://127.0.0.1:2113?tls=false); skipped, saying so, otherwise
/// (failed when ESDB_REQUIRED=1, as in CI).
/// </summary>
public sealed class EventStoreDbTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_EventStoreDB_a_retry_after_a_restart_returns_the_original_reply_and_writes_nothing()
    {
        var connection = RequireServer();
        using var data = new TempDirectory();
        var leadId = Random.Shared.NextInt64(1_000_000_000, long.MaxValue);
        var key = $"esdb-{Guid.NewGuid():N}";

        Contracts.V1.LeadCommandReply first;
        await using (var service = await StartAsync(data.Path, connection))
        {
            first = await service.Client.InitializeAsync(leadId, key);
            await service.KillAsync();
        }

        await using var restarted = await StartAsync(data.Path, connection);
        var retry = await restarted.Client.InitializeAsync(leadId, key);

        Assert.Equal(first, retry);
        await using var store = EventStoreDbEventStore.Create(connection);
        Assert.Equal(4, await CountAsync(store, LeadStream.Name(leadId)));
        Assert.Equal(2, await CountAsync(store, CommandKey.RecordStream(key)));
    }

    [Fact]
    public async Task On_EventStoreDB_a_stale_followup_conflicts_and_a_stale_rename_is_rebased()
    {
        var connection = RequireServer();
        using var data = new TempDirectory();
        var leadId = Random.Shared.NextInt64(1_000_000_000, long.MaxValue);
        await using var service = await StartAsync(data.Path, connection);
        var client = service.Client;
        await client.InitializeAsync(leadId);
        var seen = await client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        await client.ChangeStatusAsync(leadId, LeadStatus.Closed);

        var conflict = await Calls.RefusedAsync(StatusCode.Aborted, () => client.SetFollowupAsync(leadId, "2030-01-01", seen.Revision));
        var rebased = await client.RenameAsync(leadId, "Rebased", seen.Revision);

        Assert.Equal("StatusChanged.v1@5", conflict.Trailer("conflicting-events"));
        Assert.True(rebased.Rebased);
    }

    [Fact]
    public async Task On_EventStoreDB_an_admins_occurred_at_travels_in_the_metadata_while_the_node_records_now()
    {
        var connection = RequireServer();
        using var data = new TempDirectory();
        var leadId = Random.Shared.NextInt64(1_000_000_000, long.MaxValue);
        await using var service = await StartAsync(data.Path, connection);
        using var admin = TestTokens.Channel(service.Address, TestTokens.For([Security.LeadsRoles.Write, Security.LeadsRoles.Admin], subject: "backfill"));
        using var writer = TestTokens.Channel(service.Address, TestTokens.For([Security.LeadsRoles.Write]));
        var headers = new Metadata { { Grpc.OccurredAtHeader.Name, "2025-01-02T03:04:05Z" } };
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await new Contracts.V1.LeadCommands.LeadCommandsClient(admin).InitializeLeadAsync(
            new Contracts.V1.InitializeLeadRequest { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345" }, headers, cancellationToken: Token);
        await Calls.RefusedAsync(StatusCode.PermissionDenied, () => new Contracts.V1.LeadCommands.LeadCommandsClient(writer).ChangeStatusAsync(
            new Contracts.V1.ChangeStatusRequest { LeadId = leadId, Status = LeadStatus.Closed }, headers, cancellationToken: Token).ResponseAsync);

        await using var store = StoreInspector.OnEventStoreDb(connection);
        var events = await store.ReadStreamAsync(LeadStream.Name(leadId));
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal((new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), true), (e.Metadata.OccurredAt, e.Created > before)));
    }

    /// <summary>The configured node's connection string, or a skip with the reason (a failure when ESDB_REQUIRED=1).</summary>
    internal static string RequireServer()
    {
        var connection = Environment.GetEnvironmentVariable("ESDB_CONNECTION");
        if (string.IsNullOrWhiteSpace(connection))
        {
            const string reason = "needs an EventStoreDB server; set ESDB_CONNECTION (e.g. esdb://127.0.0.1:2113?tls=false)";
            if (Environment.GetEnvironmentVariable("ESDB_REQUIRED") == "1")
            {
                throw new InvalidOperationException("ESDB_REQUIRED=1 but this test " + reason);
            }

            Assert.Skip("skipped: " + reason);
        }

        return connection;
    }

    private static async Task<CommandServiceProcess> StartAsync(string dataDirectory, string connection) =>
        await CommandServiceProcess.StartAsync(dataDirectory, Token, "--ConnectionStrings:eventstore", connection);

    private static async Task<int> CountAsync(IEventStore store, string streamId)
    {
        var count = 0;
        await foreach (var _ in store.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, Token))
        {
            count++;
        }

        return count;
    }
}
