namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>The connection-string settings of a cluster: gossip seeds, node preference and the discovery timeouts.</summary>
public sealed class ClusterConnectionStringTests
{
    [Fact]
    public void Several_hosts_are_gossip_seeds()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://127.0.0.1:2213,127.0.0.1:2223,127.0.0.1:2233?tls=false");

        Assert.True(parsed.UsesGossip);
        Assert.Equal(NodePreference.Leader, parsed.NodePreference);
        Assert.Equal(3, parsed.Nodes.Count);
    }

    [Fact]
    public void One_host_is_used_directly_unless_the_scheme_asks_for_discovery()
    {
        Assert.False(EventStoreDbConnectionString.Parse("esdb://localhost:2113?tls=false").UsesGossip);
        Assert.True(EventStoreDbConnectionString.Parse("esdb+discover://cluster.example:2113?tls=false").UsesGossip);
    }

    [Theory]
    [InlineData("leader", NodePreference.Leader, true)]
    [InlineData("Follower", NodePreference.Follower, false)]
    [InlineData("random", NodePreference.Random, false)]
    [InlineData("readOnlyReplica", NodePreference.ReadOnlyReplica, false)]
    public void Node_preference(string value, NodePreference expected, bool requiresLeader)
    {
        var parsed = EventStoreDbConnectionString.Parse($"esdb://h1,h2,h3?nodePreference={value}");

        Assert.Equal(expected, parsed.NodePreference);
        Assert.Equal(requiresLeader, parsed.RequiresLeader);
    }

    [Fact]
    public void Discovery_settings_of_the_official_clients()
    {
        var parsed = EventStoreDbConnectionString.Parse(
            "esdb+discover://h1:2113?tls=false&gossipTimeout=2500&discoveryInterval=250&maxDiscoverAttempts=20&connectionName=lead-views");

        Assert.Equal(TimeSpan.FromMilliseconds(2500), parsed.GossipTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), parsed.DiscoveryInterval);
        Assert.Equal(20, parsed.MaxDiscoverAttempts);
        Assert.Equal("lead-views", parsed.ConnectionName);
    }

    [Fact]
    public void The_defaults_are_those_of_the_official_clients()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://h1,h2,h3");

        Assert.Equal(TimeSpan.FromSeconds(5), parsed.GossipTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), parsed.DiscoveryInterval);
        Assert.Equal(10, parsed.MaxDiscoverAttempts);
        Assert.Null(parsed.ConnectionName);
    }

    [Theory]
    [InlineData("esdb://h1,h2?maxDiscoverAttempts=0", "maxDiscoverAttempts")]
    [InlineData("esdb://h1,h2?gossipTimeout=-1", "gossipTimeout")]
    [InlineData("esdb://h1,h2?discoveryInterval=soon", "discoveryInterval")]
    [InlineData("esdb://h1,h2?nodePreference=nearest", "nodePreference")]
    [InlineData("esdb://h1,h2?gossipSeeds=h3", "gossipSeeds")]
    public void Bad_cluster_settings_are_refused_naming_the_setting(string text, string setting)
    {
        var error = Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse(text));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redacted_form_keeps_discovery_and_preference()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb+discover://admin:secret@h1:2113?nodePreference=follower");

        Assert.Equal("esdb+discover://admin:***@h1:2113?tls=true&nodePreference=follower", parsed.ToString());
    }
}
