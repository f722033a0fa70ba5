using System.Diagnostics;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// Read-your-writes, as an agent sees it: one client renames a lead, then asks the query service for that lead at the
/// reply's position (<c>GetLead { min_position }</c>), which answers once the view has it. Two latencies per
/// operation: the whole round (command and read) and the goal's, from the command's reply to the view answering.
/// A warm-up (JIT, connections, caches) runs first and is not counted.
/// </summary>
internal static class ReadYourWrites
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// On a platform of its own (command service, view projector, query service on <paramref name="settings"/>), renaming
    /// leads <paramref name="firstLeadId"/> .. + <paramref name="leads"/> - 1, which must exist; a view projector that is
    /// behind catches up during the warm-up's first call.
    /// </summary>
    public static async Task<object> OnPlatformAsync(
        IReadOnlyDictionary<string, string> settings, long firstLeadId, int leads, TimeSpan duration, CancellationToken ct)
    {
        await using var query = await ServiceProcess.StartAsync("Leads.QueryService", QueryServiceSettings.With(settings), cancellationToken: ct);
        await using var views = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: ct);
        await using var commands = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: ct);
        return await RunAsync(new LeadCommands.LeadCommandsClient(commands.Channel), new LeadQueries.LeadQueriesClient(query.Channel), firstLeadId, leads, duration, ct);
    }

    public static async Task<object> RunAsync(
        LeadCommands.LeadCommandsClient commands, LeadQueries.LeadQueriesClient queries, long firstLeadId, int leads, TimeSpan duration, CancellationToken ct)
    {
        var i = 0L;
        async Task<(long Started, long Replied)> OnceAsync()
        {
            var id = firstLeadId + (i * 7919 % leads);
            var started = Stopwatch.GetTimestamp();
            var reply = await commands.ChangeNameAsync(new ChangeNameRequest { LeadId = id, Name = $"Renamed {i++}" }, cancellationToken: ct);
            var replied = Stopwatch.GetTimestamp();
            await queries.GetLeadAsync(new GetLeadRequest { LeadId = id, MinPosition = reply.Position }, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct);
            return (started, replied);
        }

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < WarmUp)
        {
            await OnceAsync();
        }

        var round = new Latencies();
        var replyToView = new Latencies();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var (started, replied) = await OnceAsync();
            round.Add(started);
            replyToView.Add(replied);
        }

        return new
        {
            clients = 1,
            operations = round.Count,
            per_second = Math.Round(round.Count / clock.Elapsed.TotalSeconds, 1),
            p50_ms = round.Percentile(50),
            p99_ms = round.Percentile(99),
            reply_to_view_ms = new { p50 = replyToView.Percentile(50), p99 = replyToView.Percentile(99), max = replyToView.Percentile(100) },
        };
    }
}
