using System.Diagnostics;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>
/// A live subscription learns of another writer's commits (another process, here another store on the same file) from
/// the commit signal at once, and by polling when the signal is off.
/// </summary>
public sealed class SqliteEventStoreWakeUpTests : IDisposable
{
    // Far longer than any test may take: an event that arrives within the deadline was not found by polling.
    private static readonly TimeSpan NeverPoll = TimeSpan.FromHours(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private readonly TempDirectory _folder = new("leads-es-wake-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Another_writers_appends_wake_a_live_subscription_without_polling()
    {
        var options = new SqliteEventStoreOptions { PollInterval = NeverPoll, ActivePollInterval = NeverPoll, WatchedPollInterval = NeverPoll };
        await using var reader = new SqliteEventStore(_folder.File("events.db"), options);
        await using var writer = new SqliteEventStore(_folder.File("events.db"));
        await using var probe = SubscriptionProbe.Start(reader, SubscriptionStart.FromStart, SubscriptionFilter.None);
        await probe.WaitForCaughtUpAsync();

        foreach (var round in Enumerable.Range(0, 3))
        {
            var stream = TestEvents.UniqueStream();
            var watch = Stopwatch.StartNew();
            await writer.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());

            var delivered = await probe.WaitForEventsAsync(e => e.StreamId == stream, 1);

            Assert.True(watch.Elapsed < Deadline, $"round {round}: the event took {watch.Elapsed.TotalMilliseconds:0} ms to arrive");
            Assert.Equal(stream, delivered[0].StreamId);
        }
    }

    [Fact]
    public async Task With_the_signal_off_polling_still_delivers_another_writers_appends()
    {
        var options = new SqliteEventStoreOptions { WatchOtherProcessesCommits = false, PollInterval = TimeSpan.FromMilliseconds(50) };
        await using var reader = new SqliteEventStore(_folder.File("events.db"), options);
        await using var writer = new SqliteEventStore(_folder.File("events.db"));
        await using var probe = SubscriptionProbe.Start(reader, SubscriptionStart.FromStart, SubscriptionFilter.None);
        await probe.WaitForCaughtUpAsync();
        var stream = TestEvents.UniqueStream();

        await writer.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));

        var delivered = await probe.WaitForEventsAsync(e => e.StreamId == stream, 3);
        Assert.Equal([0UL, 1UL, 2UL], delivered.Select(e => e.StreamRevision));
    }
}
