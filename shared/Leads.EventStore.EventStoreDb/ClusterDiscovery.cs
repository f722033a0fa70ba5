using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;
using VNodeState = Leads.EventStore.EventStoreDb.Protocol.MemberInfo.Types.VNodeState;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Chooses the node to talk to from the cluster's own gossip (<c>event_store.client.gossip.Gossip/Read</c>): asks the
/// seeds and the members it learnt of, in random order, and picks a live node fitting the
/// <see cref="NodePreference"/>. A node that just failed a call is passed over while another fits; while none fits (an
/// election in progress) it asks again every <c>discoveryInterval</c>, at most <c>maxDiscoverAttempts</c> rounds,
/// then fails as Unavailable saying what it saw.
/// </summary>
internal sealed class ClusterDiscovery(EventStoreDbConnectionString settings, Func<DnsEndPoint, GrpcChannel> channelFor, ILogger logger)
{
    private readonly Lock gate = new();
    private List<DnsEndPoint> members = [];

    public async Task<DnsEndPoint> ChooseAsync(Func<DnsEndPoint, bool> recentlyFailed, Metadata headers, CancellationToken cancellationToken)
    {
        var lastSeen = "no seed answered";
        for (var round = 1; round <= settings.MaxDiscoverAttempts; round++)
        {
            foreach (var candidate in Candidates(recentlyFailed))
            {
                ClusterInfo info;
                try
                {
                    info = await new Gossip.GossipClient(channelFor(candidate))
                        .ReadAsync(new Empty(), headers, DateTime.UtcNow + settings.GossipTimeout, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogDebug("Gossip from EventStoreDB node {Node} failed: {Status}", candidate, error.Status);
                    continue;
                }

                Learn(info);
                lastSeen = $"{candidate.Host}:{candidate.Port} reported " + Describe(info);
                if (Pick(info, recentlyFailed) is { } chosen)
                {
                    logger.LogInformation(
                        "EventStoreDB cluster: {Preference} node {Node} chosen (gossip from {Seed}: {Members})",
                        settings.NodePreference, chosen, candidate, Describe(info));
                    return chosen;
                }
            }

            if (round < settings.MaxDiscoverAttempts)
            {
                await Task.Delay(settings.DiscoveryInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new EventStoreDbException(
            $"No EventStoreDB node fit node preference {settings.NodePreference} after {settings.MaxDiscoverAttempts} rounds of gossip "
            + $"(an election may be in progress, or the nodes are down); {lastSeen}",
            StatusCode.Unavailable,
            "discovery-failed");
    }

    /// <summary>The node that fits the preference among the live members, or null when none does now.</summary>
    internal DnsEndPoint? Pick(ClusterInfo info, Func<DnsEndPoint, bool> recentlyFailed)
    {
        var live = info.Members
            .Where(m => m.IsAlive && m.HttpEndPoint is { Port: > 0 } endPoint && endPoint.Address.Length > 0)
            .Select(m => (m.State, Node: new DnsEndPoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port)))
            .Where(m => !recentlyFailed(m.Node))
            .ToList();

        DnsEndPoint? Any(params VNodeState[] states)
        {
            var fitting = live.Where(m => states.Contains(m.State)).Select(m => m.Node).ToList();
            return fitting.Count == 0 ? null : fitting[Random.Shared.Next(fitting.Count)];
        }

        return settings.NodePreference switch
        {
            NodePreference.Leader => Any(VNodeState.Leader),
            NodePreference.Follower => Any(VNodeState.Follower) ?? Any(VNodeState.Leader),
            NodePreference.ReadOnlyReplica => Any(VNodeState.ReadOnlyReplica) ?? Any(VNodeState.Follower) ?? Any(VNodeState.Leader),
            _ => Any(VNodeState.Leader, VNodeState.Follower, VNodeState.ReadOnlyReplica),
        };
    }

    private static string Describe(ClusterInfo info) =>
        info.Members.Count == 0
            ? "no members"
            : string.Join(", ", info.Members.Select(m =>
                $"{m.HttpEndPoint?.Address}:{m.HttpEndPoint?.Port} {m.State}{(m.IsAlive ? string.Empty : " (dead)")}"));

    /// <summary>Seeds and known members, shuffled; nodes that just failed last.</summary>
    private List<DnsEndPoint> Candidates(Func<DnsEndPoint, bool> recentlyFailed)
    {
        List<DnsEndPoint> known;
        lock (gate)
        {
            known = [.. settings.Nodes.Concat(members).Distinct()];
        }

        return [.. known.OrderBy(n => recentlyFailed(n)).ThenBy(_ => Random.Shared.Next())];
    }

    private void Learn(ClusterInfo info)
    {
        var learnt = info.Members
            .Where(m => m.HttpEndPoint is { Port: > 0 } endPoint && endPoint.Address.Length > 0)
            .Select(m => new DnsEndPoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port))
            .ToList();
        lock (gate)
        {
            members = learnt;
        }
    }
}
