using Grpc.Core;
using Leads.CommandService.Handling;
using Leads.Domain;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// A replica SIGKILLed between the writes of a keyed command (after the key's reservation, or after the lead's events),
/// made deterministic by the test-only fault hook <see cref="CrashPoints"/>: the other replica, given the same command,
/// completes it exactly once, and replies the same to every later copy; a different command under that key is refused.
/// </summary>
public sealed class ReplicaCrashTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("eventstoredb", CrashPoints.CommandReserved)]
    [InlineData("eventstoredb", CrashPoints.LeadAppended)]
    [InlineData("sqlite", CrashPoints.LeadAppended)]
    public async Task A_command_whose_replica_died_between_its_writes_is_completed_once_by_the_other_replica(string storeKind, string crashAfter)
    {
        var esdb = storeKind == "eventstoredb" ? EventStoreDbTests.RequireServer() : null;
        string[] storeSettings = esdb is null ? [] : ["--ConnectionStrings:eventstore", esdb];
        using var data = new TempDirectory();
        var leadId = esdb is null ? 1 : Random.Shared.NextInt64(1_000_000_000, long.MaxValue);
        var key = $"crash-{crashAfter}-{Guid.NewGuid():N}";
        await using var dying = await CommandServiceProcess.StartAsync(data.Path, Token, [.. storeSettings, "--" + CrashPoints.SettingKey, crashAfter]);
        await using var survivor = await CommandServiceProcess.StartAsync(data.Path, Token, storeSettings);
        await survivor.Client.InitializeAsync(leadId);

        await Assert.ThrowsAsync<RpcException>(() => dying.Client.RenameAsync(leadId, "Half written", commandId: key));
        Assert.NotNull(await dying.ExitCodeWithinAsync(TimeSpan.FromSeconds(10), Token));
        await using var store = esdb is null
            ? new StoreInspector(survivor.StorePath)
            : StoreInspector.OnEventStoreDb(esdb);
        var leftBehind = (await store.ReadStreamAsync(LeadStream.Name(leadId))).Count(e => e.Metadata.CommandId == key);

        var completed = await survivor.Client.RenameAsync(leadId, "Half written", commandId: key);
        var again = await survivor.Client.RenameAsync(leadId, "Half written", commandId: key);
        var other = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => survivor.Client.RenameAsync(leadId, "Something else", commandId: key));

        var written = (await store.ReadStreamAsync(LeadStream.Name(leadId))).Where(e => e.Metadata.CommandId == key).ToList();
        Assert.Equal(crashAfter == CrashPoints.LeadAppended ? 1 : 0, leftBehind);
        Assert.Equal((completed.Revision, completed.Position), (written.Single().StreamRevision, written.Single().Position.Value));
        Assert.Equal(completed, again);
        Assert.Contains("already used for a different command", other.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(KeyRecord.ReservedThenHandled, (await store.ReadStreamAsync(CommandKey.RecordStream(key))).Select(e => e.EventType));
    }
}
