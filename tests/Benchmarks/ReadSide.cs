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
    public static async Task<object> RunAsync(string workDir, bool quick, int leads, int longStream, TimeSpan duration, CancellationToken ct)
    {
        var dataDir = Path.Combine(workDir, "read");
        var seeded = await SeedAsync(dataDir, leads, longStream, SeedOrder.Interleaved, ct);
        var settings = Settings(dataDir);
        // The query and command services start side by side (the command service then waits idle for its turn).
        var started = await StartTogether.StartAsync(
            ("Leads.QueryService", QueryServiceSettings.With(settings)), ("Leads.CommandService", settings), ct);
        await using var query = started.First;
        await using var commands = started.Second;
        var admin = new ProjectionAdmin.ProjectionAdminClient(query.Channel);

        await using var views = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: ct);
        var viewCatchUp = await CatchUp.MeasureAsync(admin, "lead-views", seeded, views, ct);
        Console.Error.WriteLine($"view projector catch-up, interleaved: {System.Text.Json.JsonSerializer.Serialize(viewCatchUp)}");

        await using var search = await ServiceProcess.StartAsync("Leads.SearchProjector", settings, cancellationToken: ct);
        var searchCatchUp = await CatchUp.MeasureAsync(admin, "lead-search", seeded, search, ct);
        Console.Error.WriteLine($"search projector catch-up, interleaved: {System.Text.Json.JsonSerializer.Serialize(searchCatchUp)}");

        var commandClient = new LeadCommands.LeadCommandsClient(commands.Channel);
        var queries = new LeadQueries.LeadQueriesClient(query.Channel);

        var readYourWrites = await ReadYourWrites.RunAsync(commandClient, queries, 1, leads, duration, ct);

        long Pick(long i) => 1 + (i * 104_729 % leads);
        var getLead = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsync(new GetLeadRequest { LeadId = Pick(i) }, cancellationToken: ct).ResponseAsync, ct);
        var searchEmail = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, SeedEvents.Email(Pick(i), 1), ct), ct);
        var searchPhone = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, SeedEvents.Phone(Pick(i), 2)[..7], ct), ct);
        var searchName = await ClosedLoop.RunAsync(1, duration, (_, i) => Search(queries, NamePrefix(Pick(i)), ct), ct);
        var asOfRevision = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = SeedEvents.LongLeadId, Revision = (ulong)(longStream - 1 - (i % 10)) }, cancellationToken: ct).ResponseAsync, ct);
        var asOfTime = await ClosedLoop.RunAsync(1, duration, (_, i) => queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = SeedEvents.LongLeadId, At = Timestamp.FromDateTime(DateTime.UtcNow) }, cancellationToken: ct).ResponseAsync, ct);

        // The same history with each lead's events together, for comparison with earlier runs (the easy case). Not in a
        // quick run: its thousand leads are caught up before the first look anyway, and it takes three more processes.
        object contiguousCatchUp = new { skipped = "quick run: the contiguous log is measured in full runs only" };
        if (!quick)
        {
            var contiguousDir = Path.Combine(workDir, "read-contiguous");
            var contiguous = await SeedAsync(contiguousDir, leads, longStream, SeedOrder.Contiguous, ct);
            var (contiguousView, contiguousSearch, _) = await CatchUp.BothAsync(Settings(contiguousDir), contiguous, "contiguous", ct);
            contiguousCatchUp = new { order = "contiguous", view_projector = contiguousView, search_projector = contiguousSearch };
        }

        return new
        {
            leads,
            events = seeded.Events,
            catch_up = new { order = "interleaved", seed = InterleavedSchedule.DefaultSeed, view_projector = viewCatchUp, search_projector = searchCatchUp },
            catch_up_contiguous = contiguousCatchUp,
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
            resident_at_end_mb = new
            {
                command_service = PeakMemory.ResidentNow(commands.ProcessId),
                query_service = PeakMemory.ResidentNow(query.ProcessId),
                view_projector = PeakMemory.ResidentNow(views.ProcessId),
                search_projector = PeakMemory.ResidentNow(search.ProcessId),
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

    private static Dictionary<string, string> Settings(string dataDir) =>
        new() { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };

    private static async Task<SeededLog> SeedAsync(string dataDir, int leads, int longStream, SeedOrder order, CancellationToken ct)
    {
        Directory.CreateDirectory(dataDir);
        var seedClock = Stopwatch.StartNew();
        await using var store = new SqliteEventStore(Path.Combine(dataDir, "events.db"));
        var seeded = await SeedEvents.WriteAsync(store, leads, longStream, order, ct);
        Console.Error.WriteLine($"seeded {seeded.Events} events ({order}) in {seedClock.Elapsed.TotalSeconds:0.0} s");
        return seeded;
    }
}
