using Grpc.Health.V1;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// Commands over gRPC against the command service as its own process on the embedded store (synchronous=FULL), next
/// to the limit of the same host: a no-op unary call (the health check) at the same client concurrency.
/// </summary>
internal static class CommandThroughput
{
    public static async Task<object> RunAsync(string workDir, int leads, TimeSpan duration, CancellationToken ct)
    {
        var dataDir = Path.Combine(workDir, "commands");
        await using var service = await ServiceProcess.StartAsync(
            "Leads.CommandService",
            new Dictionary<string, string> { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" },
            cancellationToken: ct);
        var commands = new LeadCommands.LeadCommandsClient(service.Channel);
        var health = new Health.HealthClient(service.Channel);

        // Seed the leads the clients spread over (64 at a time).
        var seeded = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(1, leads),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
            async (id, token) =>
            {
                await commands.InitializeLeadAsync(
                    new InitializeLeadRequest { LeadId = id, Name = $"Lead {id}", Email = $"lead{id}@bench.example", Phone = $"+1 555 {id:D7}" },
                    cancellationToken: token);
                Interlocked.Increment(ref seeded);
            });

        var rename = (int client, long i) => commands.ChangeNameAsync(
            new ChangeNameRequest { LeadId = 1 + ((client * 7919L) + (i * 64)) % leads, Name = $"Renamed {client}-{i}" },
            cancellationToken: ct).ResponseAsync;
        var noop = (int client, long i) => health.CheckAsync(new HealthCheckRequest(), cancellationToken: ct).ResponseAsync;

        var oneClient = await ClosedLoop.RunAsync(1, duration, rename, ct);
        var manyClients = await ClosedLoop.RunAsync(64, duration, rename, ct);
        var noopMany = await ClosedLoop.RunAsync(64, duration, noop, ct);
        var noopOne = await ClosedLoop.RunAsync(1, duration, noop, ct);
        return new
        {
            leads = seeded,
            one_client = oneClient,
            clients_64 = manyClients,
            noop_grpc_one_client = noopOne,
            noop_grpc_clients_64 = noopMany,
        };
    }
}
