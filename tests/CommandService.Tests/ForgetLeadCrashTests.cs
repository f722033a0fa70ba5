using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Privacy;
using Leads.Privacy.Sqlite;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// A crash between the two steps of an erasure (key deleted, LeadForgotten not yet appended): the data is already
/// unreadable, commands are refused, and a retry, or else the next start of the service, completes the erasure with the
/// original receipt.
/// </summary>
public sealed class ForgetLeadCrashTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_after_a_crash_between_key_deletion_and_the_event_completes_the_erasure()
    {
        using var data = new TempDirectory();
        await using (var service = await CommandServiceProcess.StartAsync(data.Path, Token))
        {
            await service.Client.InitializeAsync(7);
            await service.KillAsync();
        }

        // What the crashed ForgetLead had done: the key is deleted, with its tombstone.
        var erasedAt = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);
        await new SqliteLeadKeyStore(SqliteLeadKeyStore.FileIn(data.Path)).DeleteAsync(new KeyErasure(7, erasedAt, "ops-anna", "first attempt"), Token);

        await using var restarted = await CommandServiceProcess.StartAsync(data.Path, Token);
        var refused = await Calls.RefusedAsync(global::Grpc.Core.StatusCode.FailedPrecondition, () => restarted.Client.RenameAsync(7, "Back again"));
        var reply = await restarted.Client.ForgetLeadAsync(new ForgetLeadRequest { LeadId = 7, Reason = "retry" }, cancellationToken: Token);

        Assert.Contains("lead was forgotten", refused.Status.Detail, StringComparison.Ordinal);
        // The restarted service completes the erasure itself (UnfinishedErasures), so the retry may find it done already:
        // either way the receipt is the original one.
        Assert.Equal(("ops-anna", "first attempt", erasedAt, 4ul),
            (reply.Receipt.ErasedBy, reply.Receipt.Reason, reply.Receipt.ErasedAt.ToDateTimeOffset(), reply.Receipt.Revision));
        await using var store = new StoreInspector(restarted.StorePath);
        Assert.Equal("LeadForgotten.v1", (await store.ReadStreamAsync(LeadStream.Name(7)))[^1].EventType);
    }

    [Fact]
    public async Task An_erasure_killed_between_key_deletion_and_the_event_is_completed_at_the_next_start_without_a_retry()
    {
        using var data = new TempDirectory();
        await using (var dying = await CommandServiceProcess.StartAsync(data.Path, Token, "--" + Handling.CrashPoints.SettingKey, Handling.CrashPoints.KeyDeleted))
        {
            await dying.Client.InitializeAsync(8);
            await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(
                () => dying.Client.ForgetLeadAsync(new ForgetLeadRequest { LeadId = 8, Reason = "customer asked" }, cancellationToken: Token).ResponseAsync);
            Assert.NotNull(await dying.ExitCodeWithinAsync(TimeSpan.FromSeconds(10), Token));
        }

        await using (var store = new StoreInspector(Path.Combine(data.Path, "events.db")))
        {
            Assert.DoesNotContain("LeadForgotten.v1", (await store.ReadStreamAsync(LeadStream.Name(8))).Select(e => e.EventType));
        }

        await using var restarted = await CommandServiceProcess.StartAsync(data.Path, Token);
        var receipt = await Eventually.ReturnsAsync(
            async () => await restarted.Client.ReceiptOrNullAsync(8), TimeSpan.FromSeconds(20), "the unfinished erasure of lead 8 completed", Token);

        Assert.Equal(("customer asked", TestTokens.Subject, 4ul), (receipt.Reason, receipt.ErasedBy, receipt.Revision));
        await using var after = new StoreInspector(restarted.StorePath);
        Assert.Single(await after.ReadStreamAsync(LeadStream.Name(8)), e => e.EventType == "LeadForgotten.v1");
    }
}
