using System.Diagnostics;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// Commands on a real three-node EventStoreDB cluster (started here through the node script, <c>LEADS_ESDB_SCRIPT</c>,
/// on ports 2313/2323/2333, clear of the single node's 2113 and the cluster tests' 2213 and 2713): the same command
/// figures as on the single node (1 and 64 clients, each write acknowledged by a quorum of the three), then the time
/// from a crash of the leader (SIGKILL) under 64 clients to the first command that succeeds, started after the crash.
/// Skipped with the reason where there is no script.
/// </summary>
internal static class EventStoreDbClusterSection
{
    public const int BasePort = 2313;
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    public static async Task<object> RunAsync(string workDir, bool quick, TimeSpan commandDuration, int rounds, CancellationToken ct)
    {
        var skip = quick
            ? "quick run: three nodes take about 20 s to elect a leader, a third of the minute; full runs measure the cluster"
            : EventStoreDbNodes.SkipReason;
        if (skip is { } reason)
        {
            Console.Error.WriteLine($"eventstoredb_cluster: {reason}");
            return new { skipped = reason };
        }

        var clock = Stopwatch.StartNew();
        var connection = await EventStoreDbNodes.StartClusterAsync(BasePort, cancellationToken: ct);
        Console.Error.WriteLine($"eventstoredb_cluster: three nodes lead and follow after {clock.Elapsed.TotalSeconds:0.0} s: {connection}");
        try
        {
            var esdb = new Dictionary<string, string> { ["ConnectionStrings:eventstore"] = connection };
            var commands = await CommandThroughput.RunAsync(
                Path.Combine(workDir, "cluster-commands"), esdb, quick ? 500 : 10_000, 1_000_000, commandDuration, rounds, ct);
            var crash = await CrashToFirstSuccessAsync(Path.Combine(workDir, "cluster-crash"), esdb, ct);
            return new { nodes = 3, base_port = BasePort, commands, leader_crash = crash };
        }
        finally
        {
            await EventStoreDbNodes.StopClusterAsync(BasePort, CancellationToken.None);
        }
    }

    /// <summary>
    /// 64 clients renaming leads in closed loops (a failed call is counted and tried again); the leader is SIGKILLed
    /// after two seconds; the figure is the time from the kill to the end of the first successful call started after it.
    /// </summary>
    private static async Task<object> CrashToFirstSuccessAsync(string dataDir, IReadOnlyDictionary<string, string> esdb, CancellationToken ct)
    {
        const int clients = 64;
        const long firstLeadId = 2_000_000;
        var settings = new Dictionary<string, string>(esdb) { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        await using var service = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: ct);
        var commands = new LeadCommands.LeadCommandsClient(service.Channel);
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), ct, async (i, token) =>
            await commands.InitializeLeadAsync(
                new InitializeLeadRequest { LeadId = firstLeadId + i, Name = $"Lead {i}", Email = $"crash{i}@bench.example", Phone = $"+1 555 {i:D7}" },
                cancellationToken: token));

        long crashed = long.MaxValue;
        long firstSuccess = long.MaxValue;
        var failures = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await commands.ChangeNameAsync(
                        new ChangeNameRequest { LeadId = firstLeadId + client, Name = $"Renamed {client}-{i}" },
                        deadline: DateTime.UtcNow.AddSeconds(10),
                        cancellationToken: stop.Token);
                    if (started >= Volatile.Read(ref crashed))
                    {
                        var ended = Stopwatch.GetTimestamp();
                        InterlockedMin(ref firstSuccess, ended);
                    }
                }
                catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    // A caller's backoff: give an election a moment rather than spinning on it.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                }
                catch (RpcException)
                {
                    return;
                }
            }
        }, CancellationToken.None)).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2), ct); // the load running before the crash: a measurement window, not a wait for a condition
        var killing = Stopwatch.GetTimestamp();
        var killed = await EventStoreDbNodes.KillLeaderAsync(BasePort, ct);
        // Only calls started once the node is gone count (one started while the script looked for the leader may still
        // have reached it); the figure runs from the moment the kill was asked for, as the cluster tests report it.
        Volatile.Write(ref crashed, Stopwatch.GetTimestamp());
        var recovery = Stopwatch.StartNew();
        while (Volatile.Read(ref firstSuccess) == long.MaxValue && recovery.Elapsed < RecoveryDeadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }

        await stop.CancelAsync();
        await Task.WhenAll(loops);
        var first = Volatile.Read(ref firstSuccess);
        var seconds = first == long.MaxValue ? (double?)null : Math.Round(Stopwatch.GetElapsedTime(killing, first).TotalSeconds, 3);
        Console.Error.WriteLine($"eventstoredb_cluster: leader {killed} killed under {clients} clients, first success {(seconds is null ? "never (within " + RecoveryDeadline.TotalSeconds + " s)" : seconds + " s")} later, {failures} calls failed");
        return new { clients, killed_node = killed, crash_to_first_success_s = seconds, failed_calls = failures };
    }

    private static void InterlockedMin(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
