using System.Net;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// The connection string EventStoreDB users know: <c>esdb://[user:password@]host[:port][,host[:port]...][?key=value&amp;...]</c>.
/// Settings: <c>tls</c> (default true), <c>tlsVerifyCert</c> (default true), <c>nodePreference</c> (leader, follower,
/// random, readOnlyReplica; leader by default), <c>defaultDeadline</c>, <c>keepAliveInterval</c>,
/// <c>keepAliveTimeout</c>, <c>gossipTimeout</c>, <c>discoveryInterval</c> (milliseconds), <c>maxDiscoverAttempts</c>
/// and <c>connectionName</c>. Unknown settings are rejected rather than silently ignored.
/// <para>
/// Several hosts, or the <c>esdb+discover://</c> scheme, mean a cluster: the hosts are gossip seeds, and the node to
/// talk to is chosen from the cluster's gossip by <see cref="NodePreference"/> (again after that node fails). One host
/// with <c>esdb://</c> is used directly, as EventStoreDB's own clients do.
/// </para>
/// </summary>
public sealed record EventStoreDbConnectionString
{
    public const int DefaultPort = 2113;

    public required IReadOnlyList<DnsEndPoint> Nodes { get; init; }
    public bool UseTls { get; init; } = true;
    public bool VerifyServerCertificate { get; init; } = true;
    public string? UserName { get; init; }
    public string? Password { get; init; }

    /// <summary>Which node of a cluster calls go to (leader by default).</summary>
    public NodePreference NodePreference { get; init; } = NodePreference.Leader;

    /// <summary>Whether calls carry <c>requires-leader: true</c> (node preference "leader", the default).</summary>
    public bool RequiresLeader => NodePreference == NodePreference.Leader;

    /// <summary>
    /// Whether the node is chosen from the cluster's gossip (several hosts, or <c>esdb+discover://</c>) rather than the
    /// one host being used as it is.
    /// </summary>
    public bool UsesGossip { get; init; }

    /// <summary>How long one gossip read of one seed may take.</summary>
    public TimeSpan GossipTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The pause between two rounds of discovery that found no fitting node (an election in progress).</summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Rounds of discovery (every seed asked once per round) before a call fails as Unavailable.</summary>
    public int MaxDiscoverAttempts { get; init; } = 10;

    /// <summary>The name this client gives itself in the <c>connection-name</c> header (the server logs it).</summary>
    public string? ConnectionName { get; init; }

    /// <summary>Deadline of appends and finite reads; subscriptions have none. Null: no deadline.</summary>
    public TimeSpan? DefaultDeadline { get; init; }

    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool HasCredentials => UserName is not null;

    public static EventStoreDbConnectionString Parse(string connectionString) =>
        TryParse(connectionString, out var parsed, out var error)
            ? parsed
            : throw new FormatException($"Invalid EventStoreDB connection string: {error}");

    public static bool TryParse(string? connectionString, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventStoreDbConnectionString? parsed, out string error) =>
        ConnectionStringParser.TryParse(connectionString, out parsed, out error);

    /// <summary>Never shows the password.</summary>
    public override string ToString()
    {
        var credentials = HasCredentials ? $"{Uri.EscapeDataString(UserName!)}:***@" : string.Empty;
        var hosts = string.Join(',', Nodes.Select(n => $"{n.Host}:{n.Port}"));
        var scheme = UsesGossip && Nodes.Count == 1 ? "esdb+discover" : "esdb";
        var preference = NodePreference == NodePreference.Leader ? string.Empty : $"&nodePreference={NodePreference.ToString().ToLowerInvariant()}";
        return $"{scheme}://{credentials}{hosts}?tls={(UseTls ? "true" : "false")}{preference}";
    }
}
