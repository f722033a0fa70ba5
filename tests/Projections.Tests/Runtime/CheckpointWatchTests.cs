using System.Diagnostics;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;
using Leads.Views;
using Leads.Views.Sqlite;

namespace Projections.Tests.Runtime;

/// <summary>
/// A read-your-writes wait on the SQLite views: woken by the projector's commit (here another store on the same file,
/// as the projector is another process), and by polling where the store gives no signal.
/// </summary>
public sealed class CheckpointWatchTests : IDisposable
{
    private readonly TempDirectory _folder = new("leads-checkpoint-watch-");

    // Far below the hour the signalled waiter would otherwise wait before reading again.
    private static TimeSpan Deadline => TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_waiter_wakes_when_another_writer_commits_the_position_without_polling()
    {
        var projector = new SqliteLeadViewStore(_folder.File("views.db"));
        var watch = new CheckpointWatch(new SqliteLeadViewStore(_folder.File("views.db")), TimeProvider.System) { SignalledPollInterval = TimeSpan.FromHours(1) };
        await CommitAsync(projector, 3);
        Assert.Equal(3UL, (await watch.WaitForAsync(3, Ct))?.Value);
        var waiting = watch.WaitForAsync(7, Ct);

        var clock = Stopwatch.StartNew();
        await CommitAsync(projector, 5);
        await CommitAsync(projector, 7);

        var reached = await waiting.WaitAsync(Deadline, Ct);
        Assert.Equal(7UL, reached?.Value);
        Assert.True(clock.Elapsed < Deadline, $"the wait ended {clock.Elapsed.TotalMilliseconds:0} ms after the commit");
    }

    [Fact]
    public async Task A_waiter_on_a_store_without_a_signal_finds_the_position_by_polling()
    {
        var projector = new SqliteLeadViewStore(_folder.File("views.db"));
        var watch = new CheckpointWatch(new UnsignalledCheckpoints(new SqliteLeadViewStore(_folder.File("views.db"))), TimeProvider.System);
        var waiting = watch.WaitForAsync(4, Ct);

        await CommitAsync(projector, 4);

        Assert.Equal(4UL, (await waiting.WaitAsync(Deadline, Ct))?.Value);
    }

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task CommitAsync(SqliteLeadViewStore store, ulong checkpoint) =>
        store.CommitAsync(new ProjectionCommit<LeadReadModel>([], [], GlobalPosition.FromSequence(checkpoint)), Ct);

    /// <summary>The checkpoint alone, as a store that cannot signal its commits offers it.</summary>
    private sealed class UnsignalledCheckpoints(ICheckpointReader inner) : ICheckpointReader
    {
        public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => inner.ReadCheckpointAsync(cancellationToken);
    }
}
