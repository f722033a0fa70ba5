using Leads.Deploy.Tests.Support;
using Leads.Testing;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// A service container whose event store does not answer: it keeps running (no crash loop), its own HEALTHCHECK reports
/// unhealthy, its log says why in one line (no stack trace), and it turns healthy once the node comes.
/// </summary>
[Collection(ContainersCollection.Name)]
public sealed class EventStoreOutageTests(ContainerizedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_without_its_event_store_is_unhealthy_says_why_in_one_line_and_heals_when_the_node_comes()
    {
        platform.SkipUnlessAvailable();
        var service = ServiceCatalog.Of("Leads.CommandService");
        var nodePort = FreePort.Next();
        var container = await platform.Run.StartAsync(
            platform.ServiceSpec(service, ServicePorts.FreeFor(service), platform.Run.NameOf("command-service-without-node"), nodePort), Ct);

        await ContainerRun.WaitForHealthAsync(container, "unhealthy", TimeSpan.FromMinutes(3), Ct);

        Assert.Equal("true 0", await ContainerRun.InspectAsync(container, "{{.State.Running}} {{.RestartCount}}", Ct));
        var logs = await ContainerRun.LogsAsync(container, Ct);
        // The service's own line, once however many probes fail (ASP.NET Core's health check service adds its own per probe).
        var reason = logs.Split('\n').Where(l => l.Contains($"Event store at esdb://127.0.0.1:{nodePort}?tls=false does not answer (", StringComparison.Ordinal)
            && l.Contains("reports unhealthy until it does", StringComparison.Ordinal)).ToList();
        Assert.True(reason.Count == 1, $"one line naming the unreachable event store, found {reason.Count}:{Environment.NewLine}{ContainerRun.Tail(logs)}");
        Assert.DoesNotContain("Unhandled exception", logs, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", logs);

        await platform.Run.StartAsync(EventStoreContainer.Spec(platform.Run.NameOf("late-eventstore"), platform.Run.Id, nodePort, FreePort.Next()), Ct);

        await ContainerRun.WaitForHealthAsync(container, "healthy", TimeSpan.FromMinutes(3), Ct);
        Assert.Contains("answers; the service reports healthy", await ContainerRun.LogsAsync(container, Ct), StringComparison.Ordinal);
    }
}
