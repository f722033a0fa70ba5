using Leads.CommandService.ChangeName;
using Leads.CommandService.Handling;
using Leads.Domain.Events;
using Leads.Domain;
using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>Idempotency and data survive the process: each test runs its own service over its own directory.</summary>
public sealed class RestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_after_a_restart_returns_the_original_replies_and_writes_nothing()
    {
        using var data = new TempDirectory();
        Contracts.V1.LeadCommandReply initialized, renamed;
        await using (var service = await CommandServiceProcess.StartAsync(data.Path, Token))
        {
            initialized = await service.Client.InitializeAsync(1410, "restart-init");
            renamed = await service.Client.RenameAsync(1410, "Stefan", commandId: "restart-rename");
            await service.KillAsync();
        }

        await using var restarted = await CommandServiceProcess.StartAsync(data.Path, Token);
        var head = await HeadAsync(restarted.StorePath);

        Assert.Equal(initialized, await restarted.Client.InitializeAsync(1410, "restart-init"));
        Assert.Equal(renamed, await restarted.Client.RenameAsync(1410, "Stefan", commandId: "restart-rename"));
        Assert.Equal(head, await HeadAsync(restarted.StorePath));
    }

    [Fact]
    public async Task A_command_whose_events_were_appended_but_not_recorded_is_answered_from_its_events()
    {
        // The crash window: the lead's events are stored, the command- record is not. Reproduce it exactly by
        // writing what the service would have written before the record.
        using var data = new TempDirectory();
        await using (var service = await CommandServiceProcess.StartAsync(data.Path, Token))
        {
            await service.Client.InitializeAsync(7);
            await service.KillAsync();
        }

        const string key = "crashed-before-record";
        // As the service stores it: keyed by the lead's data key (keys.db beside events.db).
        var codec = new Leads.Privacy.LeadEventCodec(new Leads.Privacy.Sqlite.SqliteLeadKeyStore(Leads.Privacy.Sqlite.SqliteLeadKeyStore.FileIn(data.Path)));
        var fingerprint = await codec.KeyedDigestAsync(
            7, CommandFingerprint.Of(ChangeNameInput.Rpc, ("lead_id", "7"), ("name", "Recovered"), ("expected_revision", null)), create: false, Token);
        Assert.NotNull(fingerprint);
        var storePath = Path.Combine(data.Path, "events.db");
        AppendResult.Success appended;
        await using (var store = new SqliteEventStore(storePath))
        {
            var metadata = new EventMetadata { CommandId = key, CommandFingerprint = fingerprint, CausationId = key, CorrelationId = key };
            var e = new NameChanged(7, "Recovered");
            var result = await store.AppendAsync(
                LeadStream.Name(7),
                ExpectedRevision.Exact(3),
                [new EventData(CommandKey.EventId(key, LeadStream.Name(7), 0), LeadEventTypes.NameChanged, LeadEventSerializer.Serialize(e), metadata)],
                Token);
            appended = Assert.IsType<AppendResult.Success>(result);
        }

        await using var restarted = await CommandServiceProcess.StartAsync(data.Path, Token);
        var reply = await restarted.Client.RenameAsync(7, "Recovered", commandId: key);
        var again = await restarted.Client.RenameAsync(7, "Recovered", commandId: key);

        Assert.Equal((4ul, appended.Position.Value, false), (reply.Revision, reply.Position, reply.NoOp));
        Assert.Equal(reply, again);
        await using var inspector = new StoreInspector(restarted.StorePath);
        Assert.Equal(5, (await inspector.ReadStreamAsync(LeadStream.Name(7))).Count);
        Assert.Equal([CommandHandled.EventType], (await inspector.ReadStreamAsync(CommandKey.RecordStream(key))).Select(e => e.EventType));
    }

    [Fact]
    public async Task The_service_says_at_startup_which_store_it_uses_and_where_the_data_lives()
    {
        using var data = new TempDirectory();

        await using var service = await CommandServiceProcess.StartAsync(data.Path, Token);

        Assert.Contains($"Event store: Sqlite at {Path.Combine(data.Path, "events.db")}", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_esdb_connection_string_selects_EventStoreDB_by_configuration_alone()
    {
        using var data = new TempDirectory();
        const string connectionString = "esdb://127.0.0.1:1?tls=false";

        await using var service = await CommandServiceProcess.LaunchAsync(data.Path, Token, "--ConnectionStrings:eventstore", connectionString);

        Assert.True(
            await service.PrintsAsync($"Event store: EventStoreDb at {connectionString}", TimeSpan.FromSeconds(60), Token),
            service.Output);
        Assert.False(File.Exists(Path.Combine(data.Path, "events.db")));
    }

    private static async Task<GlobalPosition?> HeadAsync(string storePath)
    {
        await using var store = new StoreInspector(storePath);
        return await store.HeadAsync();
    }
}
