namespace Leads.EventStore.EventStoreDb.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void A_single_insecure_node()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://localhost:2113?tls=false");

        var node = Assert.Single(parsed.Nodes);
        Assert.Equal(("localhost", 2113), (node.Host, node.Port));
        Assert.False(parsed.UseTls);
        Assert.False(parsed.HasCredentials);
        Assert.True(parsed.RequiresLeader);
    }

    [Fact]
    public void Tls_is_on_by_default_and_the_port_defaults_to_2113()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://db.example");

        Assert.True(parsed.UseTls);
        Assert.True(parsed.VerifyServerCertificate);
        Assert.Equal(2113, Assert.Single(parsed.Nodes).Port);
    }

    [Fact]
    public void A_host_list()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://h1:2113,h2:2114,h3?tls=false");

        Assert.Equal(["h1:2113", "h2:2114", "h3:2113"], parsed.Nodes.Select(n => $"{n.Host}:{n.Port}"));
    }

    [Fact]
    public void Credentials_tls_and_certificate_check()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb://admin:chang%40eit@db:2113?tls=true&tlsVerifyCert=false");

        Assert.Equal("admin", parsed.UserName);
        Assert.Equal("chang@eit", parsed.Password);
        Assert.True(parsed.UseTls);
        Assert.False(parsed.VerifyServerCertificate);
        Assert.DoesNotContain("chang", parsed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_case_insensitive_and_timeouts_are_milliseconds()
    {
        var parsed = EventStoreDbConnectionString.Parse("esdb+discover://[::1]:2113/?TLS=False&defaultDeadline=2500&keepAliveInterval=-1&nodePreference=follower");

        Assert.Equal("::1", Assert.Single(parsed.Nodes).Host);
        Assert.False(parsed.UseTls);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), parsed.DefaultDeadline);
        Assert.Equal(Timeout.InfiniteTimeSpan, parsed.KeepAliveInterval);
        Assert.False(parsed.RequiresLeader);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost:2113")]
    [InlineData("http://localhost:2113")]
    [InlineData("esdb://")]
    [InlineData("esdb://?tls=false")]
    [InlineData("esdb://h1,,h2")]
    [InlineData("esdb://localhost:abc")]
    [InlineData("esdb://localhost:0")]
    [InlineData("esdb://localhost:70000")]
    [InlineData("esdb://localhost:2113?tls=maybe")]
    [InlineData("esdb://localhost:2113?tls")]
    [InlineData("esdb://localhost:2113?tls=false&tls=true")]
    [InlineData("esdb://localhost:2113?unknownSetting=1")]
    [InlineData("esdb://localhost:2113?defaultDeadline=0")]
    [InlineData("esdb://localhost:2113?nodePreference=nearest")]
    [InlineData("esdb://user@localhost:2113")]
    [InlineData("esdb://:pass@localhost:2113")]
    [InlineData("esdb://[::1:2113")]
    public void Bad_connection_strings_are_rejected_with_a_reason(string text)
    {
        Assert.False(EventStoreDbConnectionString.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
        var thrown = Assert.Throws<FormatException>(() => EventStoreDbConnectionString.Parse(text));
        Assert.Contains(error, thrown.Message, StringComparison.Ordinal);
    }
}
