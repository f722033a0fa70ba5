using Grpc.Health.V1;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// Commands over gRPC against the command service as its own process, next to the limit of the same host: a no-op unary
/// call (the health check) at the same client concurrency. Every figure is measured in <c>rounds</c> rounds, the
/// figures taken in turn within each round (1 client, 64 clients, no-op at 64, no-op at 1), so a disturbance of the
/// machine shows as spread instead of moving one figure; each is reported as median, min and max.
/// </summary>
internal static class CommandThroughput
{
    /// <param name="extraSettings">More configuration for the service, e.g. <c>ConnectionStrings:eventstore</c> for EventStoreDB.</param>
    /// <param name="firstLeadId">Leads are <c>firstLeadId ..</c>: fresh ids per run on a shared EventStoreDB node.</param>
    public static async Task<object> RunAsync(
        string dataDir, IReadOnlyDictionary<string, string> extraSettings, int leads, long firstLeadId, TimeSpan duration, int rounds, CancellationToken ct)
    {
        var settings = new Dictionary<string, string>(extraSettings) { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        await using var service = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: ct);
        var commands = new LeadCommands.LeadCommandsClient(service.Channel);
        var health = new Health.HealthClient(service.Channel);

        // Seed the leads the clients spread over (64 at a time).
        var seeded = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, leads),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (i, token) =>
            {
                var id = firstLeadId + i;
                await commands.InitializeLeadAsync(
                    new InitializeLeadRequest { LeadId = id, Name = $"Lead {id}", Email = $"lead{id}@bench.example", Phone = $"+1 555 {id % 10_000_000:D7}" },
                    cancellationToken: token);
                Interlocked.Increment(ref seeded);
            });

        var rename = (int client, long i) => commands.ChangeNameAsync(
            new ChangeNameRequest { LeadId = firstLeadId + ((client * 7919L) + (i * 64)) % leads, Name = $"Renamed {client}-{i}" },
            cancellationToken: ct).ResponseAsync;
        var noop = (int client, long i) => health.CheckAsync(new HealthCheckRequest(), cancellationToken: ct).ResponseAsync;

        var oneClient = new List<LoopFigure>();
        var manyClients = new List<LoopFigure>();
        var noopMany = new List<LoopFigure>();
        var noopOne = new List<LoopFigure>();
        for (var round = 0; round < rounds; round++)
        {
            oneClient.Add(await ClosedLoop.RunAsync(1, duration, rename, ct));
            manyClients.Add(await ClosedLoop.RunAsync(64, duration, rename, ct));
            noopMany.Add(await ClosedLoop.RunAsync(64, duration, noop, ct));
            noopOne.Add(await ClosedLoop.RunAsync(1, duration, noop, ct));
            Console.Error.WriteLine($"  round {round + 1}: 1 client {oneClient[^1].PerSecond}/s, 64 clients {manyClients[^1].PerSecond}/s (p99 {manyClients[^1].P99Ms} ms), no-op 64 {noopMany[^1].PerSecond}/s");
        }

        var many = RepeatedFigure.Of(manyClients);
        var noopLimit = RepeatedFigure.Of(noopMany);
        return new
        {
            leads = seeded,
            rounds,
            one_client = RepeatedFigure.Of(oneClient),
            clients_64 = many,
            noop_grpc_one_client = RepeatedFigure.Of(noopOne),
            noop_grpc_clients_64 = noopLimit,
            clients_64_share_of_noop = Math.Round(many.PerSecond.Median / noopLimit.PerSecond.Median, 3),
            peak_memory_mb = PeakMemory.Megabytes(service.ProcessId),
        };
    }
}
