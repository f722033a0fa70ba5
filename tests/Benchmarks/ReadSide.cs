using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Leads.Contracts.V1;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// The read side on the embedded default, each service its own process on one data directory: catch-up of the view
/// and search projectors over a seeded history, read-your-writes, query latencies, and every process's peak memory.
/// </summary>
internal static class ReadSide
{
    public static async Task<object> RunAsync(string workDir, int leads, int longStream, TimeSpan duration, CancellationToken ct)
    {
        var dataDir = Path.Combine(workDir, "read");
        Directory.CreateDirectory(dataDir);
        var eventsPath = Path.Combine(dataDir, "events.db");
        var seedClock = Stopwatch.StartNew();
        var seeded = await SeedEvents.WriteAsync(eventsPath, leads, longStream, ct);
        Console.Error.WriteLine($"seeded {seeded} events in {seedClock.Elapsed.TotalSeconds:0.0} s");
        ulong head;
        await using (var store = new SqliteEventStore(eventsPath))
        {
            head = (await store.ReadHeadPositionAsync(ct))?.Value ?? 0;
        }

        var settings = new Dictionary<string, string> { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        await using var query = await ServiceProcess.StartAsync("Leads.QueryService", settings, cancellationToken: ct);
        var admin = new ProjectionAdmin.ProjectionAdminClient(query.Channel);

        await using var views = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: ct);
        var viewCatchUp = await CatchUpAsync(admin, "lead-views", head, views, ct);
        Console.Error.WriteLine($"view projector catch-up: {System.Text.Json.JsonSerializer.Serialize(viewCatchUp)}");

        await using var search = await ServiceProcess.StartAsync("Leads.SearchProjector", settings, cancellationToken: ct);
        var searchCatchUp = await CatchUpAsync(admin, "lead-search", head, search, ct);
        Console.Error.WriteLine($"search projector catch-up: {System.Text.Json.JsonSerializer.Serialize(searchCatchUp)}");

        await using var commands = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: ct);
        var commandClient = new LeadCommands.LeadCommandsClient(commands.Channel);
        var queries = new LeadQueries.LeadQueriesClient(query.Channel);

        var readYourWrites = await ClosedLoop.RunAsync(1, duration, async (_, i) =>
        {
            var id = 1 + (i * 7919 % leads);
            var reply = await commandClient.ChangeNameAsync(new ChangeNameRequest { LeadId = id, Name = $"Renamed {i}" }, cancellationToken: ct);
            await queries.GetLeadAsync(new GetLeadRequest { LeadId = id, MinPosition = reply.Position }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: ct);
        }, ct);

        long Pick(long i) => 1 + (i * 104_729 % leads);
        var getLead = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsync(new GetLeadRequest { LeadId = Pick(i) }, cancellationToken: ct).ResponseAsync, ct);
        var searchEmail = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, SeedEvents.Email(Pick(i), 1), ct), ct);
        var searchPhone = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, SeedEvents.Phone(Pick(i), 2)[..7], ct), ct);
        var searchName = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, NamePrefix(Pick(i)), ct), ct);
        var asOfRevision = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = SeedEvents.LongLeadId, Revision = (ulong)(longStream - 1 - (i % 10)) }, cancellationToken: ct).ResponseAsync, ct);
        var asOfTime = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = SeedEvents.LongLeadId, At = Timestamp.FromDateTime(DateTime.UtcNow) }, cancellationToken: ct).ResponseAsync, ct);

        return new
        {
            leads,
            events = seeded,
            catch_up = new { view_projector = viewCatchUp, search_projector = searchCatchUp },
            read_your_writes = readYourWrites,
            queries = new
            {
                get_lead = getLead,
                search_email = searchEmail,
                search_phone_prefix = searchPhone,
                search_name_prefix = searchName,
                get_lead_as_of_revision_1000_events = asOfRevision,
                get_lead_as_of_time_1000_events = asOfTime,
            },
            peak_memory_mb = new
            {
                command_service = PeakMemory.Megabytes(commands.ProcessId),
                query_service = PeakMemory.Megabytes(query.ProcessId),
                view_projector = PeakMemory.Megabytes(views.ProcessId),
                search_projector = PeakMemory.Megabytes(search.ProcessId),
            },
        };
    }

    /// <summary>"bench" and the first three digits of the id: a word prefix shared by many leads.</summary>
    private static string NamePrefix(long id)
    {
        var digits = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "bench" + digits[..Math.Min(3, digits.Length)];
    }

    private static Task<SearchLeadsReply> Search(LeadQueries.LeadQueriesClient queries, string text, CancellationToken ct) =>
        queries.SearchLeadsAsync(new SearchLeadsRequest { Query = text, PageSize = 20 }, cancellationToken: ct).ResponseAsync;

    /// <summary>
    /// Rate between the first checkpoint the projector reports and the moment it reaches the head (process start-up is
    /// left out), and the process's peak resident memory.
    /// </summary>
    private static async Task<object> CatchUpAsync(ProjectionAdmin.ProjectionAdminClient admin, string name, ulong head, ServiceProcess process, CancellationToken ct)
    {
        ulong? firstCheckpoint = null;
        var clock = Stopwatch.StartNew();
        var firstSeenAt = TimeSpan.Zero;
        var deadline = TimeSpan.FromMinutes(8);
        while (clock.Elapsed < deadline)
        {
            var info = (await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: ct)).Projections.FirstOrDefault(p => p.Name == name);
            if (info is { HasCheckpoint: true })
            {
                if (firstCheckpoint is null)
                {
                    firstCheckpoint = info.Checkpoint;
                    firstSeenAt = clock.Elapsed;
                }

                if (info.Checkpoint >= head)
                {
                    var seconds = (clock.Elapsed - firstSeenAt).TotalSeconds;
                    var events = info.Checkpoint - firstCheckpoint.Value;
                    return new
                    {
                        events_measured = events,
                        seconds = Math.Round(seconds, 2),
                        events_per_second = seconds > 0 ? Math.Round(events / seconds, 0) : 0,
                        peak_memory_mb = PeakMemory.Megabytes(process.ProcessId),
                    };
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited during catch-up:{Environment.NewLine}{process.RecentOutput}");
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"{name} did not catch up with {head} within {deadline}");
    }
}
