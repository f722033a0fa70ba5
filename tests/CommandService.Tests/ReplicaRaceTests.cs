using Leads.Contracts.V1;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.Domain;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// Idempotency is the store's, not a process's: two command-service processes on one store receive the same new
/// <c>command_id</c> at the same moment, many times over. Each key appends exactly once and both callers get the same
/// reply. On SQLite the two processes share the data directory; on EventStoreDB they share the node (and the data
/// directory, for the lead keys).
/// </summary>
public sealed class ReplicaRaceTests
{
    // A race is three or four writes per replica; the shared EventStoreDB node on disk takes about 150 ms a race, SQLite
    // about 15 ms: both runs stay under half a minute.
    private const int SqliteRaces = 1200;
    private const int EventStoreDbRaces = 120;
    private const int InFlight = 12;
    private const int Pairs = 120;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_two_replicas_given_the_same_new_command_ids_append_each_once_and_reply_the_same()
    {
        using var data = new TempDirectory();
        await using var first = await CommandServiceProcess.StartAsync(data.Path, Token);
        await using var second = await CommandServiceProcess.StartAsync(data.Path, Token);
        await using var store = new StoreInspector(first.StorePath);

        await RaceAsync(first, second, store, firstLeadId: 1, SqliteRaces);
    }

    [Fact]
    public async Task On_EventStoreDB_two_replicas_given_the_same_new_command_ids_append_each_once_and_reply_the_same()
    {
        var connection = EventStoreDbTests.RequireServer();
        using var data = new TempDirectory();
        await using var first = await CommandServiceProcess.StartAsync(data.Path, Token, "--ConnectionStrings:eventstore", connection);
        await using var second = await CommandServiceProcess.StartAsync(data.Path, Token, "--ConnectionStrings:eventstore", connection);
        await using var store = StoreInspector.OnEventStoreDb(connection);

        await RaceAsync(first, second, store, firstLeadId: Random.Shared.NextInt64(1_000_000_000, long.MaxValue / 2), EventStoreDbRaces);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("eventstoredb")]
    public async Task A_new_key_sent_at_once_to_two_replicas_for_two_different_leads_writes_only_one_of_them(string storeKind)
    {
        var esdb = storeKind == "eventstoredb" ? EventStoreDbTests.RequireServer() : null;
        string[] storeSettings = esdb is null ? [] : ["--ConnectionStrings:eventstore", esdb];
        using var data = new TempDirectory();
        await using var first = await CommandServiceProcess.StartAsync(data.Path, Token, storeSettings);
        await using var second = await CommandServiceProcess.StartAsync(data.Path, Token, storeSettings);
        var firstLeadId = esdb is null ? 1 : Random.Shared.NextInt64(1_000_000_000, long.MaxValue / 2);
        var run = Guid.NewGuid().ToString("N")[..8];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Pairs).Select(async i =>
        {
            var key = $"two-leads-{run}-{i}";
            var calls = new[] { first.Client.InitializeAsync(firstLeadId + (2 * i), key), second.Client.InitializeAsync(firstLeadId + (2 * i) + 1, key) };
            var accepted = 0;
            var refused = 0;
            foreach (var call in calls)
            {
                try
                {
                    await call;
                    accepted++;
                }
                catch (global::Grpc.Core.RpcException e) when (e.StatusCode == global::Grpc.Core.StatusCode.InvalidArgument)
                {
                    refused++;
                }
            }

            return (accepted, refused);
        }));

        await using var store = esdb is null
            ? new StoreInspector(first.StorePath)
            : StoreInspector.OnEventStoreDb(esdb);
        var leadsWritten = 0;
        for (var leadId = firstLeadId; leadId < firstLeadId + (2 * Pairs); leadId++)
        {
            leadsWritten += (await store.ReadStreamAsync(LeadStream.Name(leadId))).Count > 0 ? 1 : 0;
        }

        Assert.Equal([(1, 1)], outcomes.Distinct());
        Assert.Equal(Pairs, leadsWritten);
    }

    /// <summary>
    /// Every third race initializes a new lead; the others rename or change the status of one of the leads made so far
    /// made in an earlier batch (no expected revision, so both replicas decide on whatever they read). The same key goes to both replicas at once.
    /// </summary>
    private static async Task RaceAsync(CommandServiceProcess first, CommandServiceProcess second, StoreInspector store, long firstLeadId, int raceCount)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var leads = new List<long>();
        var expectedEvents = new Dictionary<string, (long LeadId, int Events)>();
        var mismatches = new List<string>();
        for (var batch = 0; batch < raceCount / InFlight; batch++)
        {
            var made = leads.ToArray();
            var races = Enumerable.Range(batch * InFlight, InFlight).Select(i =>
            {
                var key = $"race-{run}-{i}";
                if (i % 3 == 0 || made.Length == 0)
                {
                    var leadId = firstLeadId + i;
                    leads.Add(leadId);
                    expectedEvents[key] = (leadId, 4);
                    return (key, Send: (Func<LeadCommands.LeadCommandsClient, Task<LeadCommandReply>>)(c => c.InitializeAsync(leadId, key)));
                }

                var target = made[i % made.Length];
                expectedEvents[key] = (target, 1);
                Func<LeadCommands.LeadCommandsClient, Task<LeadCommandReply>> send = i % 2 == 0
                    ? c => c.RenameAsync(target, $"Name {i}", commandId: key)
                    : c => c.ChangeStatusAsync(target, i % 4 == 1 ? LeadStatus.FollowUp : LeadStatus.Available, commandId: key);
                return (key, Send: send);
            }).ToList();

            await Task.WhenAll(races.Select(async race =>
            {
                var replies = await Task.WhenAll(race.Send(first.Client), race.Send(second.Client));
                if (!replies[0].Equals(replies[1]))
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{race.key}: {replies[0]} vs {replies[1]}");
                    }
                }

                if (replies[0].NoOp)
                {
                    lock (mismatches)
                    {
                        expectedEvents[race.key] = (expectedEvents[race.key].LeadId, 0);
                    }
                }
            }));
        }

        var appended = new Dictionary<string, int>();
        foreach (var leadId in leads)
        {
            foreach (var e in await store.ReadStreamAsync(LeadStream.Name(leadId)))
            {
                if (e.Metadata.CommandId is { } key)
                {
                    appended[key] = appended.GetValueOrDefault(key) + 1;
                }
            }
        }

        var wrong = expectedEvents
            .Where(e => appended.GetValueOrDefault(e.Key) != e.Value.Events)
            .Select(e => $"{e.Key}: {appended.GetValueOrDefault(e.Key)} events, expected {e.Value.Events}")
            .ToList();
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} keys got different replies: {string.Join("; ", mismatches.Take(5))}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} keys appended other than once: {string.Join("; ", wrong.Take(5))}");
        Assert.Equal(raceCount, expectedEvents.Count);
    }
}
