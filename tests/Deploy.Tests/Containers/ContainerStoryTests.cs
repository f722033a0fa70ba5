using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Leads.Contracts.V1;
using Leads.Deploy.Tests.Support;
using Leads.Security;
using Leads.Testing;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// The talk's story through the containers' ports only: commands to the command service container, reads from the
/// query service container (read-your-writes with min_position, an old phone, the status log, time travel), and the
/// conversion counted by the commissions container from the integration message the publisher container sent over
/// RabbitMQ.
/// </summary>
[Collection(ContainersCollection.Name)]
public sealed class ContainerStoryTests(ContainerizedPlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_service_container_is_healthy_by_its_own_health_check_and_runs_without_root_or_sdk()
    {
        platform.SkipUnlessAvailable();
        foreach (var service in ServiceCatalog.All)
        {
            var container = platform.ContainerOf(service.ComposeName);
            Assert.Equal("healthy", await ContainerRun.HealthAsync(container, Ct));
            var imageHealthCheck = await DockerCli.CheckedAsync(Ct, "image", "inspect", "--format", "{{json .Config.Healthcheck.Test}}", ContainerizedPlatform.ImageOf(service));
            Assert.Contains("/dev/tcp/127.0.0.1/$OPS_PORT", imageHealthCheck, StringComparison.Ordinal);

            var inside = await DockerCli.CheckedAsync(Ct, "exec", container, "bash", "-c",
                "echo uid=$(id -u); echo sdks=$(dotnet --list-sdks | wc -l); echo sources=$(find / -xdev \\( -name '*.cs' -o -name '*.csproj' \\) -print 2>/dev/null | wc -l)");
            Assert.Contains("sdks=0", inside, StringComparison.Ordinal);
            Assert.Contains("sources=0", inside, StringComparison.Ordinal);
            Assert.DoesNotContain("uid=0", inside, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_talks_story_runs_through_the_containers_ports()
    {
        platform.SkipUnlessAvailable();
        using var commandChannel = TestTokens.Channel(platform.PortsOf("command-service").Address, platform.Token(LeadsRoles.Write));
        using var queryChannel = TestTokens.Channel(platform.PortsOf("query-service").Address, platform.Token(LeadsRoles.Read));
        var queries = new LeadQueries.LeadQueriesClient(queryChannel);

        var story = await LeadStory.WriteAsync(new LeadCommands.LeadCommandsClient(commandChannel), Ct);

        var view = await queries.GetLeadAsync(new GetLeadRequest { LeadId = LeadStory.LeadId, MinPosition = story.Converted.Position }, cancellationToken: Ct);
        Assert.Equal((LeadStatus.Converted, LeadStory.NewEmail, LeadStory.NewPhone, story.Converted.Revision), (view.Status, view.Email, view.Phone, view.Revision));

        var hit = await Eventually.ReturnsAsync(
            async () => (await queries.SearchLeadsAsync(new SearchLeadsRequest { Query = LeadStory.OldPhone, PageSize = 10 }, cancellationToken: Ct)).Hits
                .FirstOrDefault(h => h.LeadId == LeadStory.LeadId && h.Historical),
            TimeSpan.FromMinutes(1), "lead 1410 found by its old phone, marked historical", Ct);
        Assert.Equal(MatchedField.Phone, hit.MatchedField);

        var statuses = await queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = LeadStory.LeadId }, cancellationToken: Ct);
        Assert.Equal([LeadStatus.Available, LeadStatus.FollowUp, LeadStatus.Converted], statuses.Entries.Select(e => e.Status));

        var beforeNewContact = await queries.GetLeadAsOfAsync(new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, Revision = story.FollowupDate.Revision }, cancellationToken: Ct);
        Assert.Equal((LeadStatus.FollowUp, LeadStory.OldEmail, "2016-11-23"), (beforeNewContact.Status, beforeNewContact.Email, beforeNewContact.FollowupOn));

        await Eventually.IsTrueAsync(async () => await ConversionsCountedAsync() > 0, TimeSpan.FromMinutes(2),
            "the commissions container counting the conversion it received over RabbitMQ", Ct);
    }

    /// <summary>Every conversion the commissions container counted, read from its HTTP port with a read token.</summary>
    private async Task<long> ConversionsCountedAsync()
    {
        using var http = new HttpClient { BaseAddress = platform.PortsOf("commissions").Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", platform.Token(LeadsRoles.Read));
        using var days = JsonDocument.Parse(await http.GetStringAsync(new Uri("/conversions", UriKind.Relative), Ct));
        return days.RootElement.EnumerateArray().Sum(day => day.GetProperty("conversions").GetInt64());
    }
}
