using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Issue 14, faults on the real node: the platform's EventStoreDB node (on disk) is stopped, cleanly or with SIGKILL,
/// while writers keep renaming their leads, and started again. During the outage every command and every query that
/// needs the store answers Unavailable saying the event store is unreachable; no acknowledged command is lost; every
/// failed command retried with its command_id afterwards is written exactly once; the projectors, whose subscriptions
/// were live when the node went away, resubscribe from their checkpoints, miss nothing and apply nothing twice: their
/// views, status logs and search answers equal a full replay of both projections.
/// </summary>
public sealed class EventStoreDbOutageTests
{
    private const int Writers = 4;
    private const int AcknowledgedBeforeAndAfter = 20;
    private const long FirstLead = 14_500;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly string[] Searches = ["writer", "rename", "outage", "0606"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ITestOutputHelper Output => TestContext.Current.TestOutputHelper!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_node_stopped_under_a_load_of_writes_loses_nothing_acknowledged_and_the_projectors_converge_to_a_replay(bool sigkill)
    {
        await using var platform = new EventStoreDbOnDiskPlatform();
        await platform.InitializeAsync();
        platform.Running();
        var leads = Enumerable.Range(0, Writers).Select(w => FirstLead + w).ToList();
        foreach (var lead in leads)
        {
            await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = lead, Name = $"Outage Writer {lead}", Email = $"outage{lead}@example.com", Phone = $"0606 {lead}", CommandId = $"outage-init-{lead}",
            }, cancellationToken: Cancel);
        }

        var sent = new ConcurrentQueue<CommandSent>();
        using var stopWriting = new CancellationTokenSource();
        var writers = leads.Select(lead => Task.Run(() => WriteUntilStoppedAsync(platform, lead, sent, stopWriting.Token))).ToList();

        await Eventually.IsTrueAsync(() => Task.FromResult(sent.Count(c => c.Acknowledged) >= AcknowledgedBeforeAndAfter), Deadline, "writes before the outage", Cancel);
        var clock = Stopwatch.StartNew();
        var down = DateTimeOffset.UtcNow;
        await (sigkill ? platform.Node.KillNodeAsync(Cancel) : platform.Node.StopNodeAsync(Cancel));
        var history = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = leads[0], PageSize = 10 }, cancellationToken: Cancel).ResponseAsync);
        await Eventually.IsTrueAsync(
            () => Task.FromResult(leads.All(lead => sent.Any(c => c.LeadId == lead && c.Failure is not null && c.At > down))),
            Deadline, "every writer failing during the outage", Cancel);
        await platform.Node.StartNodeAgainAsync(Cancel);
        var outage = clock.Elapsed;
        var up = DateTimeOffset.UtcNow;
        await Eventually.IsTrueAsync(() => Task.FromResult(sent.Count(c => c.Acknowledged && c.At > up) >= AcknowledgedBeforeAndAfter), Deadline, "writes after the outage", Cancel);
        await stopWriting.CancelAsync();
        await Task.WhenAll(writers);

        var commands = sent.ToList();
        var failed = commands.Where(c => !c.Acknowledged).ToList();
        var retried = new List<LeadCommandReply>();
        foreach (var command in failed)
        {
            retried.Add(await platform.Commands.ChangeNameAsync(
                new ChangeNameRequest { LeadId = command.LeadId, Name = command.Name, CommandId = command.CommandId }, cancellationToken: Cancel));
        }

        var acknowledged = commands.Where(c => c.Acknowledged).ToList();
        var repeated = new List<(CommandSent Command, LeadCommandReply Reply)>();
        foreach (var command in acknowledged)
        {
            repeated.Add((command, await platform.Commands.ChangeNameAsync(
                new ChangeNameRequest { LeadId = command.LeadId, Name = command.Name, CommandId = command.CommandId }, cancellationToken: Cancel)));
        }

        var stored = await platform.Store.ReadAllAsync(Cancel);
        var byCommand = stored.Where(e => e.StreamId.StartsWith("lead-", StringComparison.Ordinal) && e.Metadata.CommandId is not null)
            .GroupBy(e => e.Metadata.CommandId!)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Output.WriteLine($"{(sigkill ? "SIGKILL" : "clean stop")}: node down for {outage.TotalSeconds:0.0} s; {commands.Count} commands sent: "
            + $"{acknowledged.Count} acknowledged, {failed.Count} failed ({string.Join(", ", failed.GroupBy(c => c.Failure).Select(g => $"{g.Key} x{g.Count()}"))}); "
            + $"failed, then retried with their command_id and written exactly once: {failed.Count(c => byCommand.TryGetValue(c.CommandId, out var once) && once.Count == 1)}; "
            + $"history query during the outage: {history.StatusCode} ({history.Status.Detail})");
        if (failed.FirstOrDefault() is { } example)
        {
            Output.WriteLine($"a failed command's status: {example.Failure} ({example.Detail})");
        }

        Assert.All(failed, c => Assert.True(
            c.Failure == StatusCode.Unavailable && c.Detail!.Contains("event store is unreachable", StringComparison.Ordinal),
            $"{c.CommandId}: {c.Failure} ({c.Detail})"));
        Assert.Equal(StatusCode.Unavailable, history.StatusCode);
        Assert.Contains("event store is unreachable", history.Status.Detail, StringComparison.Ordinal);
        Assert.All(commands, c => Assert.True(
            byCommand.TryGetValue(c.CommandId, out var events) && events.Count == 1,
            $"{c.CommandId} wrote {(byCommand.TryGetValue(c.CommandId, out var e) ? e.Count : 0)} events, expected exactly 1"));
        Assert.All(acknowledged, c => Assert.Equal((c.Reply!.Revision, c.Reply.Position), (byCommand[c.CommandId][0].StreamRevision, byCommand[c.CommandId][0].Position.Commit)));
        Assert.All(repeated, r => Assert.Equal(r.Command.Reply, r.Reply));

        await AssertProjectorsConvergeToAReplayAsync(platform, leads, stored);
    }

    /// <summary>Each lead's view ends at its stream's last event, and a full replay of both projections changes nothing.</summary>
    private static async Task AssertProjectorsConvergeToAReplayAsync(LeadPlatform platform, List<long> leads, List<Leads.EventStore.RecordedEvent> stored)
    {
        // The last lead event: on EventStoreDB the command log's records follow it in $all, and the projectors' filtered
        // subscriptions never deliver those.
        var last = stored.Where(e => e.StreamId.StartsWith("lead-", StringComparison.Ordinal)).Max(e => e.Position);
        try
        {
            await platform.WaitForProjectionsAsync(last.Commit, Cancel);
        }
        catch (TimeoutException e)
        {
            var projections = await platform.Admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: Cancel);
            throw new Xunit.Sdk.XunitException($"{e.Message}; projections: {projections}{Environment.NewLine}{platform.Logs()}");
        }

        foreach (var lead in leads)
        {
            var stream = stored.Where(e => e.StreamId == LeadStream.Name(lead)).ToList();
            var view = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = lead }, cancellationToken: Cancel);
            Assert.Equal((stream[^1].StreamRevision, stream[^1].Position.Commit), (view.Revision, view.Position));
        }

        var live = await ReadModelSnapshot.TakeAsync(platform, Searches, Cancel);
        foreach (var projection in new[] { LeadPlatform.ViewsProjection, LeadPlatform.SearchProjection })
        {
            var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = projection, FromStart = true }, cancellationToken: Cancel);
            await platform.WaitUntilRebuiltAsync(projection, reset, Cancel);
        }

        Assert.Equal(live, await ReadModelSnapshot.TakeAsync(platform, Searches, Cancel));
    }

    /// <summary>Renames one lead again and again, each time with a new command_id and name, recording every answer.</summary>
    private static async Task WriteUntilStoppedAsync(LeadPlatform platform, long lead, ConcurrentQueue<CommandSent> sent, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var commandId = $"outage-{lead}-{n}";
            var name = $"Writer {lead} rename {n}";
            try
            {
                var reply = await platform.Commands.ChangeNameAsync(
                    new ChangeNameRequest { LeadId = lead, Name = name, CommandId = commandId }, cancellationToken: Cancel);
                sent.Enqueue(new CommandSent(commandId, lead, name, DateTimeOffset.UtcNow, reply, null, null));
            }
            catch (RpcException e)
            {
                sent.Enqueue(new CommandSent(commandId, lead, name, DateTimeOffset.UtcNow, null, e.StatusCode, e.Status.Detail));
            }
        }
    }
}
