using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>The background checkpoint: the log is copied into the database file while the store is open, off the commit path.</summary>
public sealed class SqliteEventStoreCheckpointTests : IDisposable
{
    private readonly TempDirectory _file = new("leads-es-tests-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Committed_events_reach_the_database_file_while_the_store_stays_open()
    {
        await using var store = new SqliteEventStore(_file.File("events.db"), new SqliteEventStoreOptions { CheckpointInterval = TimeSpan.FromMilliseconds(1) });
        var emptyFileLength = new FileInfo(_file.File("events.db")).Length;

        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(200));

        await Eventually.IsTrueAsync(
            () => Task.FromResult(new FileInfo(_file.File("events.db")).Length > emptyFileLength),
            TimeSpan.FromSeconds(10),
            "a checkpoint into the database file",
            Ct);
    }

    [Fact]
    public async Task Events_appended_between_checkpoints_are_all_read_back_after_a_reopen()
    {
        var stream = TestEvents.UniqueStream();
        await using (var store = new SqliteEventStore(_file.File("events.db"), new SqliteEventStoreOptions { CheckpointInterval = TimeSpan.FromMilliseconds(1) }))
        {
            for (var i = 0; i < 50; i++)
            {
                await store.AppendOkAsync(stream, ExpectedRevision.From(i == 0 ? null : (ulong)(i - 1)), TestEvents.New());
            }
        }

        await using var reopened = new SqliteEventStore(_file.File("events.db"));
        Assert.Equal(50, (await reopened.ReadAsync(stream)).Count);
    }
}
