using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.ReadStores.Tests.Servers;
using Leads.ReadStores.Tests.Support;
using Leads.Views;
using Leads.Views.MongoDb;
using Leads.Views.Sqlite;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>The view projector on a real MongoDB: the lead 1410 story, a reset, and convergence after repeated stops mid-replay.</summary>
public sealed class MongoViewProjectorTests(MongoServer server) : IClassFixture<MongoServer>, IAsyncDisposable
{
    private readonly EventLog _log = new();
    private IMongoDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MongoLeadViewStore NewStore()
    {
        _database = server.NewDatabase(out var options);
        return new MongoLeadViewStore(_database, options);
    }

    [Fact]
    public async Task The_lead_1410_story_gives_its_view_and_its_status_log_with_recorded_times()
    {
        var store = NewStore();
        var head = await _log.AppendAsync(1410, EventLog.Story1410);
        await using var projector = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, store);

        await projector.CatchUpAsync();

        var view = await store.GetLeadAsync(1410, Ct);
        Assert.Equal(("Stefan Müller", "stefan@new.example", "050-8139904", (LeadStatus?)LeadStatus.Converted, head), (view!.Name, view.Email, view.Phone, view.Status, view.Position));
        var recorded = new List<RecordedEvent>();
        await foreach (var e in _log.Events.ReadStreamAsync("lead-1410", ReadDirection.Forwards, StreamPosition.Start, 100, Ct))
        {
            recorded.Add(e);
        }

        Assert.Equal(
            [(LeadStatus.Available, recorded[2].Created), (LeadStatus.FollowUp, recorded[4].Created), (LeadStatus.Converted, recorded[7].Created)],
            (await store.GetStatusHistoryAsync(1410, Ct)).Select(e => (e.Status, e.ChangedAt)));
    }

    [Fact]
    public async Task A_reset_from_the_start_rebuilds_identical_views_and_status_logs()
    {
        var store = NewStore();
        await _log.SeedAsync(leads: 50, rounds: 6);
        await using var projector = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, store);
        await projector.CatchUpAsync();
        var before = await Dump(store);

        await projector.Projector.ResetAsync(ResetFrom.Start, Ct);
        await projector.CatchUpAsync();

        Assert.Equal(before, await Dump(store));
    }

    [Fact]
    public async Task Stopping_the_projector_repeatedly_mid_replay_converges_to_a_fresh_replay()
    {
        var store = NewStore();
        var head = await _log.SeedAsync(leads: 200, rounds: 10);
        for (var stop = 0; stop < 5; stop++)
        {
            var projector = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, store);
            var target = GlobalPosition.FromSequence(head.Commit * (ulong)(stop + 1) / 6);
            await projector.Projector.WaitForPositionAsync(target, Ct).WaitAsync(RunningProjector<LeadReadModel>.Deadline, Ct);
            await projector.DisposeAsync();
        }

        await using (var last = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, store))
        {
            await last.CatchUpAsync();
        }

        var fresh = new SqliteLeadViewStore(Path.Combine(Path.GetTempPath(), $"fresh-{Guid.NewGuid():N}.db"));
        await using (var reference = new RunningProjector<LeadReadModel>(LeadReadModelProjection.Definition, _log.Events, fresh))
        {
            await reference.CatchUpAsync();
        }

        Assert.Equal(await Dump(fresh), await Dump(store));
    }

    private static async Task<IReadOnlyList<string>> Dump(ILeadViewStore store)
    {
        var lines = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListByStatusAsync(null, 500, token, Ct);
            foreach (var view in page.Leads)
            {
                lines.Add(view.ToString());
                lines.AddRange((await store.GetStatusHistoryAsync(view.LeadId, Ct)).Select(e => $"  {view.LeadId} {e}"));
            }

            token = page.NextPageToken;
        }
        while (token is not null);

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        if (_database is not null)
        {
            await MongoServer.DropAsync(_database);
        }
    }
}
