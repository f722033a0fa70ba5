using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.Testing;
using Microsoft.Data.Sqlite;

namespace Projections.Tests.Ledger;

/// <summary>
/// A ledger-only file (the integration publisher's) over a file written before the shared ledger: opening it moves the
/// earlier checkpoint and parked events into the ledger once, so that an upgrade neither replays nor loses its place.
/// </summary>
public sealed class SqliteLedgerFileTests : IDisposable
{
    private const string Projection = "integration-publisher";
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset ParkedAt = new(2026, 12, 1, 17, 42, 3, 125, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("ledger-file-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Opening_an_earlier_publisher_file_moves_its_checkpoint_and_parked_events_into_the_ledger()
    {
        var path = _directory.File("integration-publisher.db");
        var checkpoint = new GlobalPosition(9_000_000_128, 9_000_000_064);
        var failed = Parked("lead-7", 2, new GlobalPosition(4_096, 4_000), held: false);
        var held = Parked("lead-7", 3, new GlobalPosition(8_192, 8_100), held: true);
        EarlierPublisherFile.Write(path, Projection, checkpoint, failed, held);

        var ledger = new SqliteLedgerFile(path, Projection);

        Assert.Equal(checkpoint, await ledger.ReadCheckpointAsync(Ct));
        Assert.Equal([failed, held], await ledger.ListParkedAsync(null, Ct));
        Assert.Equal(2, await ledger.CountParkedAsync(Ct));
    }

    [Fact]
    public async Task The_earlier_tables_are_dropped_so_the_move_happens_once_and_later_batches_are_kept()
    {
        var path = _directory.File("integration-publisher.db");
        EarlierPublisherFile.Write(path, Projection, new GlobalPosition(100, 100), Parked("lead-1", 0, new GlobalPosition(50, 50), held: false));
        var store = new SqliteLedgerFile(path, Projection).Store<object>();
        await store.CompleteParkedReplayAsync(new ParkedReplay<object>(null, [Parked("lead-1", 0, new GlobalPosition(50, 50), held: false)], null), Ct);
        await store.CommitAsync(new ProjectionCommit<object>([], [], new GlobalPosition(200, 200)), Ct);

        var reopened = new SqliteLedgerFile(path, Projection);

        Assert.Equal((new GlobalPosition(200, 200), 0), (await reopened.ReadCheckpointAsync(Ct), await reopened.CountParkedAsync(Ct)));
        Assert.Equal(["parked_events", "projection_checkpoints"], Tables(path));
    }

    [Fact]
    public async Task A_new_file_starts_without_a_checkpoint()
    {
        var ledger = new SqliteLedgerFile(_directory.File("integration-publisher.db"), Projection);

        Assert.Null(await ledger.ReadCheckpointAsync(Ct));
        Assert.Empty(await ledger.ListParkedAsync(null, Ct));
    }

    private static ParkedEvent Parked(string stream, ulong revision, GlobalPosition position, bool held) =>
        new(stream, revision, position, Guid.NewGuid(), "StatusChanged.v1", Created, held, held ? "held back" : "boom", held ? 0 : 3, ParkedAt);

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var r = command.ExecuteReader();
        var tables = new List<string>();
        while (r.Read())
        {
            tables.Add(r.GetString(0));
        }

        return tables;
    }
}
