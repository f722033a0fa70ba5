using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Leads.Contracts.V1;

namespace Cluster.Tests;

/// <summary>
/// Clients sending <c>InitializeLead</c> as fast as they can, each lead with its own <c>command_id</c>. A failed call is
/// retried with the same command id (as a careful caller does) until it succeeds; when the load stops, the lead a client
/// was still retrying is settled the same way, so every lead tried is acknowledged in the end (or the run fails).
/// </summary>
public sealed class CommandLoad(LeadCommands.LeadCommandsClient commands, int clients)
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<CommandCall> calls = new();
    private readonly ConcurrentDictionary<long, ulong> acknowledged = new();

    /// <summary>Every call made, in no particular order.</summary>
    public IReadOnlyList<CommandCall> Calls => [.. calls];

    /// <summary>The leads acknowledged, with the global position the reply gave.</summary>
    public IReadOnlyDictionary<long, ulong> Acknowledged => acknowledged;

    public int SuccessesSince(long timestamp) => calls.Count(c => c.Succeeded && c.Started >= timestamp);

    public static string NameOf(long leadId) => $"Cluster Lead {leadId}";

    public static string EmailOf(long leadId) => $"lead{leadId}@cluster.test";

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(client, stop), CancellationToken.None)));

    private async Task ClientAsync(int client, CancellationToken stop)
    {
        for (long i = 1; !stop.IsCancellationRequested; i++)
        {
            var leadId = ((client + 1) * 10_000_000L) + i;
            var request = new InitializeLeadRequest
            {
                LeadId = leadId,
                Name = NameOf(leadId),
                Email = EmailOf(leadId),
                Phone = "+44 " + leadId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CommandId = $"cluster-{leadId}",
            };
            var settleBy = long.MaxValue;
            await using var settleAfterStop = stop.Register(() => settleBy = Stopwatch.GetTimestamp() + (long)(SettleDeadline.TotalSeconds * Stopwatch.Frequency));
            for (var attempt = 1; ; attempt++)
            {
                var (position, retry) = await SendAsync(request, attempt);
                if (position is { } acknowledgedAt)
                {
                    acknowledged[leadId] = acknowledgedAt;
                    break;
                }

                if (!retry)
                {
                    break;
                }

                if (Stopwatch.GetTimestamp() > Volatile.Read(ref settleBy))
                {
                    throw new TimeoutException(
                        $"lead {leadId} was still not acknowledged {SettleDeadline.TotalSeconds:0} s after the load stopped; last answer: "
                        + calls.Last(c => c.LeadId == leadId));
                }
            }
        }
    }

    /// <summary>The acknowledged position, or null and whether the same command is worth sending again.</summary>
    private async Task<(ulong? Position, bool Retry)> SendAsync(InitializeLeadRequest request, int attempt)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await commands.InitializeLeadAsync(request, deadline: DateTime.UtcNow + CallDeadline);
            calls.Enqueue(new CommandCall(request.LeadId, attempt, started, Stopwatch.GetTimestamp(), StatusCode.OK, string.Empty));
            return (reply.Position, false);
        }
        catch (RpcException error)
        {
            calls.Enqueue(new CommandCall(request.LeadId, attempt, started, Stopwatch.GetTimestamp(), error.StatusCode, error.Status.Detail));
            // Unknown and Internal are retried too, so the run goes on measuring; the tests refuse them.
            var retry = error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted
                or StatusCode.Unknown or StatusCode.Internal;
            if (retry)
            {
                // A caller's backoff: give an election a moment rather than spinning on it.
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }

            return (null, retry);
        }
    }
}
