using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>A call whose caller set no deadline still gets one from the server (Limits:DefaultDeadline).</summary>
public abstract class DefaultDeadlineTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_without_a_deadline_ends_DeadlineExceeded_at_the_servers_default()
    {
        await using var query = await ServiceProcess.StartAsync("Leads.QueryService", new Dictionary<string, string>(platform.Settings)
        {
            ["Limits:DefaultDeadline"] = "00:00:00.300",
        }, cancellationToken: Cancel);
        var queries = new LeadQueries.LeadQueriesClient(query.Channel);

        // Waiting for a position the views will not reach would take 5 s (GetLead's own wait); the default deadline ends it.
        var error = await LeadPlatform.FailsAsync(() => queries.GetLeadAsync(
            new GetLeadRequest { LeadId = 1, MinPosition = ulong.MaxValue / 2 }, cancellationToken: Cancel).ResponseAsync);
        // A deadline the caller chose is kept, however far past the default.
        var lead = await queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 1 }, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: Cancel);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.NotNull(lead);
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : DefaultDeadlineTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : DefaultDeadlineTests(platform);
}
