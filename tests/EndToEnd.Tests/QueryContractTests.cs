using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>ListLeads paging and the precise errors of every query RPC, against the running query service.</summary>
public abstract class QueryContractTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_leads_pages_by_lead_id_without_gaps_or_repeats_and_filters_by_status()
    {
        LeadCommandReply last = null!;
        for (var id = 3001L; id <= 3023; id++)
        {
            last = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Paging {id}", Email = $"paging{id}@example.com", Phone = $"0101{id}", CommandId = $"e2e-page-{id}",
            }, cancellationToken: Cancel);
            if (id % 4 == 0)
            {
                last = await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.Closed }, cancellationToken: Cancel);
            }
        }

        await platform.WaitForProjectionAsync(LeadPlatform.ViewsProjection, last.Position, Cancel);

        var all = await ListAsync(LeadStatus.Unspecified, pageSize: 7);
        var closed = await ListAsync(LeadStatus.Closed, pageSize: 2);
        var everything = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 500 }, cancellationToken: Cancel);

        Assert.Equal(everything.Leads.Select(l => l.LeadId), all.Select(l => l.LeadId));
        Assert.Equal(all.Select(l => l.LeadId).Order(), all.Select(l => l.LeadId));
        Assert.Equal(all.Count, all.Select(l => l.LeadId).Distinct().Count());
        Assert.All(closed, l => Assert.Equal(LeadStatus.Closed, l.Status));
        Assert.Equal([3004L, 3008, 3012, 3016, 3020], closed.Select(l => l.LeadId).Where(id => id is >= 3001 and <= 3023));
    }

    public static TheoryData<string, Func<LeadPlatform, Task>, StatusCode> Refusals => new()
    {
        { "get lead 0", p => p.Queries.GetLeadAsync(new GetLeadRequest { LeadId = 0 }).ResponseAsync, StatusCode.InvalidArgument },
        { "get unknown lead", p => p.Queries.GetLeadAsync(new GetLeadRequest { LeadId = 987654321 }).ResponseAsync, StatusCode.NotFound },
        { "list page size 0", p => p.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 0 }).ResponseAsync, StatusCode.InvalidArgument },
        { "list page size 501", p => p.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 501 }).ResponseAsync, StatusCode.InvalidArgument },
        { "list bad token", p => p.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 5, PageToken = "not-a-token" }).ResponseAsync, StatusCode.InvalidArgument },
        { "list unknown status", p => p.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 5, Status = (LeadStatus)42 }).ResponseAsync, StatusCode.InvalidArgument },
        { "search empty", p => p.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = " ", PageSize = 5 }).ResponseAsync, StatusCode.InvalidArgument },
        { "search page size 0", p => p.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = "ada", PageSize = 0 }).ResponseAsync, StatusCode.InvalidArgument },
        { "search too long", p => p.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = new string('a', 300), PageSize = 5 }).ResponseAsync, StatusCode.InvalidArgument },
        { "status history of unknown lead", p => p.Queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = 987654321 }).ResponseAsync, StatusCode.NotFound },
        { "status history of lead -1", p => p.Queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = -1 }).ResponseAsync, StatusCode.InvalidArgument },
        { "history of unknown lead", p => p.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = 987654321, PageSize = 10 }).ResponseAsync, StatusCode.NotFound },
        { "history page size 0", p => p.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = 1, PageSize = 0 }).ResponseAsync, StatusCode.InvalidArgument },
        { "history bad token", p => p.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = 1, PageSize = 10, PageToken = "%%%" }).ResponseAsync, StatusCode.InvalidArgument },
        { "history newest first bad token", p => p.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = 1, PageSize = 10, PageToken = "%%%", NewestFirst = true }).ResponseAsync, StatusCode.InvalidArgument },
        { "history newest first page size 501", p => p.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = 1, PageSize = 501, NewestFirst = true }).ResponseAsync, StatusCode.InvalidArgument },
        { "as-of without a point", p => p.Queries.GetLeadAsOfAsync(new GetLeadAsOfRequest { LeadId = 1 }).ResponseAsync, StatusCode.InvalidArgument },
        { "as-of unknown lead", p => p.Queries.GetLeadAsOfAsync(new GetLeadAsOfRequest { LeadId = 987654321, At = Timestamp.FromDateTime(DateTime.UtcNow) }).ResponseAsync, StatusCode.NotFound },
        { "reset unknown projection", p => p.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = "nope", FromStart = true }).ResponseAsync, StatusCode.NotFound },
        { "reset without a start", p => p.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = LeadPlatform.ViewsProjection }).ResponseAsync, StatusCode.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(Refusals), MemberType = typeof(QueryContractTests))]
    public async Task Bad_requests_get_a_precise_status(string call, Func<LeadPlatform, Task> send, StatusCode expected)
    {
        var error = await LeadPlatform.FailsAsync(() => send(platform));

        Assert.True(expected == error.StatusCode, $"{call}: expected {expected}, got {error.StatusCode} ({error.Status.Detail})");
    }

    [Fact]
    public async Task A_history_page_token_of_one_lead_is_refused_for_another()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        var first = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2 }, cancellationToken: Cancel);

        var error = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = 3001, PageSize = 2, PageToken = first.NextPageToken }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_history_page_token_continues_only_in_the_direction_it_was_issued_for(bool issuedNewestFirst)
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        var first = await platform.Queries.GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2, NewestFirst = issuedNewestFirst }, cancellationToken: Cancel);

        var error = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2, PageToken = first.NextPageToken, NewestFirst = !issuedNewestFirst }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "page_token"), (error.StatusCode, error.Trailers.GetValue("field")));
    }

    private async Task<List<Leads.Contracts.V1.LeadView>> ListAsync(LeadStatus status, int pageSize)
    {
        var leads = new List<Leads.Contracts.V1.LeadView>();
        var token = "";
        do
        {
            var page = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { Status = status, PageSize = pageSize, PageToken = token }, cancellationToken: Cancel);
            Assert.True(page.Leads.Count <= pageSize);
            leads.AddRange(page.Leads);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return leads;
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : QueryContractTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : QueryContractTests(platform);
}
