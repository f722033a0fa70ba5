using System.Net;
using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// The node is a follower and the call needs the leader. The client follows <see cref="Leader"/> by itself; this
/// surfaces only when the leader keeps moving for longer than the retries allow.
/// </summary>
public sealed class NotLeaderException(DnsEndPoint leader, Exception? innerException = null)
    : EventStoreDbException($"The node is not the leader; the leader is {leader.Host}:{leader.Port}.", StatusCode.NotFound, "not-leader", innerException)
{
    public DnsEndPoint Leader { get; } = leader;
}
