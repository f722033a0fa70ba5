using System.Collections.Concurrent;
using Grpc.Core;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// SIGKILL in the middle of a concurrent load: every acknowledged command is stored where its reply said, no command
/// is half-stored, and retrying the unacknowledged ones with their command_ids completes each exactly once.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Clients = 16;
    private const int CommandsPerClient = 60;
    private const int KillAfterAcknowledged = 250;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_mid_load_it_loses_no_acknowledged_command_and_completes_retries_exactly_once()
    {
        using var data = new TempDirectory();
        var acknowledged = new ConcurrentDictionary<string, (PlannedCommand Command, LeadCommandReply Reply)>();
        var unacknowledged = new ConcurrentBag<PlannedCommand>();
        var plans = Enumerable.Range(0, Clients).Select(Plan).ToList();

        await using (var service = await CommandServiceProcess.StartAsync(data.Path, Token))
        {
            var enoughAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var load = plans.Select(plan => Task.Run(async () =>
            {
                foreach (var command in plan)
                {
                    try
                    {
                        var reply = await command.SendAsync(service.Client, CancellationToken.None);
                        acknowledged[command.CommandId] = (command, reply);
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            enoughAcknowledged.TrySetResult();
                        }
                    }
                    catch (RpcException)
                    {
                        // Killed under this call: it may or may not have been stored. This client stops here.
                        unacknowledged.Add(command);
                        return;
                    }
                }
            }, Token)).ToList();

            await Task.WhenAny(enoughAcknowledged.Task, Task.WhenAll(load)).WaitAsync(TimeSpan.FromMinutes(3), Token);
            await service.KillAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromMinutes(1), Token);
        }

        Assert.True(acknowledged.Count >= KillAfterAcknowledged, $"only {acknowledged.Count} commands were acknowledged");
        Assert.NotEmpty(unacknowledged);

        await using var restarted = await CommandServiceProcess.StartAsync(data.Path, Token);
        await using (var store = new StoreInspector(restarted.StorePath))
        {
            var leadEvents = await LeadEventsByCommandAsync(store);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"killed after {acknowledged.Count} acknowledged commands; {unacknowledged.Count} unacknowledged, "
                + $"{unacknowledged.Count(c => leadEvents.ContainsKey(c.CommandId))} of them stored before the kill");
            foreach (var (commandId, (command, reply)) in acknowledged)
            {
                Assert.True(leadEvents.TryGetValue(commandId, out var events), $"acknowledged command {commandId} is not in the store");
                AssertWhole(command, events);
                Assert.Equal((reply.Revision, reply.Position), (events[^1].StreamRevision, events[^1].Position.Value));
            }

            foreach (var (commandId, events) in leadEvents)
            {
                AssertWhole(plans.SelectMany(p => p).Single(c => c.CommandId == commandId), events);
            }
        }

        var retried = new Dictionary<string, LeadCommandReply>();
        foreach (var command in unacknowledged)
        {
            retried[command.CommandId] = await command.SendAsync(restarted.Client, Token);
            Assert.Equal(retried[command.CommandId], await command.SendAsync(restarted.Client, Token));
        }

        await using (var store = new StoreInspector(restarted.StorePath))
        {
            var leadEvents = await LeadEventsByCommandAsync(store);
            foreach (var command in unacknowledged)
            {
                var events = leadEvents[command.CommandId];
                AssertWhole(command, events);
                Assert.Equal(retried[command.CommandId].Revision, events[^1].StreamRevision);
                Assert.Equal(KeyRecord.ReservedThenHandled, (await store.ReadStreamAsync(CommandKey.RecordStream(command.CommandId))).Select(e => e.EventType));
            }

            var all = await store.ReadAllAsync();
            Assert.Equal(all.Count, all.Select(e => e.EventId).Distinct().Count());
        }
    }

    /// <summary>All of a command's events, once each, on consecutive revisions of its lead.</summary>
    private static void AssertWhole(PlannedCommand command, IReadOnlyList<RecordedEvent> events)
    {
        Assert.True(command.EventCount == events.Count,
            $"command {command.CommandId} should have {command.EventCount} events, the store holds {events.Count}");
        Assert.All(events, e => Assert.Equal(LeadStream.Name(command.LeadId), e.StreamId));
        Assert.Equal(
            Enumerable.Range(0, events.Count).Select(i => events[0].StreamRevision + (ulong)i),
            events.Select(e => e.StreamRevision));
    }

    private static async Task<Dictionary<string, List<RecordedEvent>>> LeadEventsByCommandAsync(StoreInspector store)
    {
        var all = await store.ReadAllAsync();
        return all
            .Where(e => e.StreamId.StartsWith(LeadStream.Prefix, StringComparison.Ordinal))
            .GroupBy(e => e.Metadata.CommandId ?? throw new InvalidOperationException($"event {e.EventId} has no command id"))
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.StreamRevision).ToList());
    }

    /// <summary>
    /// One client's commands, each a real change of its own leads (never a no-op or a refusal, whatever was stored
    /// before a crash), so every command id maps to a known number of events.
    /// </summary>
    private static List<PlannedCommand> Plan(int client)
    {
        var commands = new List<PlannedCommand>();
        var leadId = 0L;
        for (var i = 0; i < CommandsPerClient; i++)
        {
            var step = i % 6;
            if (step == 0)
            {
                leadId = 100_000 + (client * 1_000) + (i / 6);
            }

            var id = leadId;
            var key = $"crash-{client}-{i}";
            commands.Add(step switch
            {
                0 => new PlannedCommand(key, id, 4, (c, t) => c.InitializeLeadAsync(
                    new InitializeLeadRequest { LeadId = id, Name = $"Lead {id}", Email = $"l{id}@example.com", Phone = "03-27243457", CommandId = key },
                    cancellationToken: t).ResponseAsync),
                1 => new PlannedCommand(key, id, 1, (c, t) => c.ChangeNameAsync(
                    new ChangeNameRequest { LeadId = id, Name = $"Renamed {id}", CommandId = key }, cancellationToken: t).ResponseAsync),
                2 => new PlannedCommand(key, id, 1, (c, t) => c.ChangeStatusAsync(
                    new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp, CommandId = key }, cancellationToken: t).ResponseAsync),
                3 => new PlannedCommand(key, id, 1, (c, t) => c.SetFollowupAsync(
                    new SetFollowupRequest { LeadId = id, FollowupOn = "2030-01-31", CommandId = key }, cancellationToken: t).ResponseAsync),
                4 => new PlannedCommand(key, id, 1, (c, t) => c.ChangeContactInfoAsync(
                    new ChangeContactInfoRequest { LeadId = id, Email = $"new{id}@example.com", Phone = "050-8139904", CommandId = key },
                    cancellationToken: t).ResponseAsync),
                _ => new PlannedCommand(key, id, 1, (c, t) => c.ChangeStatusAsync(
                    new ChangeStatusRequest { LeadId = id, Status = LeadStatus.Converted, CommandId = key }, cancellationToken: t).ResponseAsync),
            });
        }

        return commands;
    }

    private sealed record PlannedCommand(
        string CommandId,
        long LeadId,
        int EventCount,
        Func<LeadCommands.LeadCommandsClient, CancellationToken, Task<LeadCommandReply>> SendAsync);
}
