using System.Diagnostics;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Testing;
using Leads.Views;
using Leads.Views.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Projections.Tests.Support;

namespace Projections.Tests.Crash;

/// <summary>
/// The view projector as a real process (its built dll), SIGKILLed again and again during a replay of 50,000 events:
/// afterwards its views and status logs equal a fresh replay exactly.
/// </summary>
public sealed class ViewProjectorCrashTests
{
    private const int LeadCount = 10_000;
    private const int EventsPerLead = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_repeatedly_during_a_replay_it_converges_to_a_fresh_replay()
    {
        using var directory = new TempDirectory();
        GlobalPosition head;
        await using (var events = new SqliteEventStore(directory.File("events.db")))
        {
            head = await SeedAsync(events);
        }

        var views = new SqliteLeadViewStore(directory.File("views.db"));
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = directory.Path,
            ["Leads:ViewProjector:MaxBatchSize"] = "200",
        };
        var killedMidReplay = 0;
        for (var kill = 0; kill < 6; kill++)
        {
            var before = await views.ReadCheckpointAsync(Ct) ?? GlobalPosition.Start;
            if (before >= head)
            {
                break;
            }

            await using var projector = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, waitForHealth: false, cancellationToken: Ct, environment: null);
            await Eventually.IsTrueAsync(
                async () => { projector.ThrowIfExited(); return await views.ReadCheckpointAsync(Ct) is { } cp && cp > before; },
                TimeSpan.FromSeconds(60), "progress before the kill", Ct);
            await projector.KillAsync();
            if (await views.ReadCheckpointAsync(Ct) is { } at && at < head)
            {
                killedMidReplay++;
            }
        }

        await using (var projector = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, waitForHealth: false, cancellationToken: Ct, environment: null))
        {
            await Eventually.IsTrueAsync(
                async () => { projector.ThrowIfExited(); return await views.ReadCheckpointAsync(Ct) is { } cp && cp >= head; },
                TimeSpan.FromSeconds(120), "the replay finished", Ct);
        }

        Assert.True(killedMidReplay >= 3, $"killed mid-replay only {killedMidReplay} times");
        await using var store = new SqliteEventStore(directory.File("events.db"));
        var fresh = new SqliteLeadViewStore(directory.File("fresh.db"));
        var watch = Stopwatch.StartNew();
        await ReplayInProcessAsync(store, fresh, head);
        TestContext.Current.TestOutputHelper?.WriteLine($"fresh in-process replay of {LeadCount * EventsPerLead} events: {LeadCount * EventsPerLead / watch.Elapsed.TotalSeconds:0} events/s");

        Assert.Equal(await ReadModelDump.OfAsync(fresh), await ReadModelDump.OfAsync(views));
    }

    private static async Task ReplayInProcessAsync(SqliteEventStore events, SqliteLeadViewStore views, GlobalPosition head)
    {
        var projector = new Projector<LeadReadModel>(
            LeadReadModelProjection.Definition, events, views, new ProjectorOptions(), NullLogger<Projector<LeadReadModel>>.Instance);
        using var stop = new CancellationTokenSource();
        var run = projector.RunAsync(stop.Token);
        await projector.WaitForPositionAsync(head, Ct).WaitAsync(TimeSpan.FromSeconds(120), Ct);
        await stop.CancelAsync();
        await run;
    }

    /// <summary>10,000 leads of five events each (initialized with name, contact and status, then one change), appended concurrently.</summary>
    private static async Task<GlobalPosition> SeedAsync(SqliteEventStore events)
    {
        var next = 0;
        var writers = Enumerable.Range(0, 32).Select(async _ =>
        {
            var last = GlobalPosition.Start;
            int id;
            while ((id = Interlocked.Increment(ref next)) <= LeadCount)
            {
                ILeadEvent change = (id % 3) switch
                {
                    0 => new StatusChanged(id, LeadStatus.FollowUp),
                    1 => new StatusChanged(id, LeadStatus.Closed),
                    _ => new NameChanged(id, $"Renamed {id}"),
                };
                var result = await events.AppendAsync(
                    LeadStream.Name(id), ExpectedRevision.NoStream,
                    [.. LeadEvents.Initialized(id, $"Lead {id}", $"lead{id}@example.com", $"050-{id:0000000}").Append(change).Select(e => LeadEvents.Data(e))],
                    Ct);
                var position = Assert.IsType<AppendResult.Success>(result).Position;
                last = position > last ? position : last;
            }

            return last;
        });
        return (await Task.WhenAll(writers)).Max();
    }
}
