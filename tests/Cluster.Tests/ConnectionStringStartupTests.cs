using Leads.Testing;

namespace Cluster.Tests;

/// <summary>A connection string with a setting we do not know stops the service at start, saying which setting.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionStringStartupTests
{
    [Fact]
    public async Task An_unknown_setting_fails_the_start_naming_it()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "leads-cluster-cs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Leads:DataDirectory"] = dataDirectory,
                ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
                ["ConnectionStrings:eventstore"] = "esdb://127.0.0.1:2213,127.0.0.1:2223?tls=false&nodePrefrence=follower",
            };

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(
                () => ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains("the setting 'nodePrefrence' is not supported", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
