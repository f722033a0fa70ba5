namespace Leads.EventStore.EventStoreDb;

/// <summary>Which node of a cluster the client talks to (the connection string's <c>nodePreference</c>).</summary>
public enum NodePreference
{
    /// <summary>The leader; calls carry <c>requires-leader: true</c>, so a follower's answer points to the leader.</summary>
    Leader,

    /// <summary>A follower (the leader when none follows): reads and subscriptions keep load off the leader; the server forwards writes.</summary>
    Follower,

    /// <summary>Any live leader or follower.</summary>
    Random,

    /// <summary>A read-only replica (a follower when there is none).</summary>
    ReadOnlyReplica,
}
