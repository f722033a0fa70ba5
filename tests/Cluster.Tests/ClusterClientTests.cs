using System.Collections.Concurrent;
using System.Text;
using Leads.EventStore;
using Leads.EventStore.EventStoreDb;
using Leads.Testing;

namespace Cluster.Tests;

/// <summary>
/// Our client on a real three-node cluster: discovery through gossip from any seed, node preference, and a
/// subscription on a follower that outlives the death of that follower without missing or repeating an event.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterClientTests
{
    private const int BasePort = 2213;
    private const int Events = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gossip_finds_the_leader_from_any_seed_and_a_follower_subscription_survives_its_node()
    {
        ClusterRequirement.SkipUnlessAvailable();
        try
        {
            var connectionString = await EventStoreDbNodes.StartClusterAsync(BasePort, cancellationToken: Cancel);
            var leader = await EventStoreDbNodes.LeaderAsync(BasePort, Cancel);
            var aFollower = new[] { BasePort, BasePort + 10, BasePort + 20 }.First(p => p != leader);

            await using var discovered = EventStoreDbClient.Create($"esdb+discover://127.0.0.1:{aFollower}?tls=false");
            await using var writer = EventStoreDbEventStore.Create(connectionString);
            var discoveredNode = await discovered.CurrentNodeAsync(Cancel);
            Assert.Equal(leader, discoveredNode.Port);

            // Right after the election the other nodes may still be catching up, and a follower-preferring client then
            // falls back to the leader (as the official clients do): wait until one is placed on a follower.
            EventStoreDbEventStore? placed = null;
            await Eventually.IsTrueAsync(
                async () =>
                {
                    var candidate = EventStoreDbEventStore.Create(connectionString + "&nodePreference=follower&connectionName=cluster-tests");
                    if ((await candidate.Client.CurrentNodeAsync(Cancel)).Port != leader)
                    {
                        placed = candidate;
                        return true;
                    }

                    await candidate.DisposeAsync();
                    return false;
                },
                Deadline,
                "a client with nodePreference=follower placed on a follower",
                Cancel);
            await using var reader = placed!;
            var readerNode = await reader.Client.CurrentNodeAsync(Cancel);

            var received = new ConcurrentQueue<RecordedEvent>();
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            var reading = Task.Run(async () =>
            {
                await foreach (var message in reader.SubscribeToAllAsync(SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix("cluster-sub-"), stopReading.Token))
                {
                    if (message is SubscriptionMessage.Event e)
                    {
                        received.Enqueue(e.Recorded);
                    }
                }
            }, CancellationToken.None);

            var written = new List<Guid>();
            for (var i = 0; i < Events; i++)
            {
                if (i == Events / 2)
                {
                    await Eventually.IsTrueAsync(() => Task.FromResult(received.Count >= Events / 2), Deadline, "the first half read on the follower", Cancel);
                    await EventStoreDbNodes.StopClusterNodeAsync(readerNode.Port, Cancel);
                }

                var id = Guid.NewGuid();
                var data = Encoding.UTF8.GetBytes($$"""{"n":{{i}}}""");
                var result = await writer.AppendAsync($"cluster-sub-{i % 7}", ExpectedRevision.Any, [new EventData(id, "ClusterProbe", data, EventMetadata.Empty)], Cancel);
                Assert.IsType<AppendResult.Success>(result);
                written.Add(id);
            }

            await Eventually.IsTrueAsync(() => Task.FromResult(received.Count >= Events), Deadline, "every event read after the follower died", Cancel);
            var movedTo = await reader.Client.CurrentNodeAsync(Cancel);
            await stopReading.CancelAsync();
            await reading;

            Assert.Equal(written, received.Select(e => e.EventId));
            Assert.NotEqual(readerNode.Port, movedTo.Port);
        }
        finally
        {
            await EventStoreDbNodes.StopClusterAsync(BasePort, CancellationToken.None);
        }
    }
}
