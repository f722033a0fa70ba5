using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>ListFollowups against the running query service: the window, the order, paging, and its precise refusals.</summary>
[Collection(SqlitePlatformCollection.Name)]
public sealed class FollowupQueryTests(SqlitePlatform platform)
{
    private readonly LeadPlatform _platform = platform.Running();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_ups_inside_the_window_are_listed_by_date_then_lead_id_across_pages()
    {
        (long Id, string? Date)[] leads = [(19005, "2031-03-02"), (19003, "2031-03-02"), (19004, "2031-03-01"), (19002, null), (19001, "2031-04-01")];
        LeadCommandReply last = null!;
        foreach (var (id, date) in leads)
        {
            await _platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Followup {id}", Email = $"followup{id}@example.com", Phone = $"0202{id}", CommandId = $"e2e-followup-{id}",
            }, cancellationToken: Cancel);
            last = await _platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp }, cancellationToken: Cancel);
            if (date is not null)
            {
                last = await _platform.Commands.SetFollowupAsync(new SetFollowupRequest { LeadId = id, FollowupOn = date }, cancellationToken: Cancel);
            }
        }

        await _platform.WaitForProjectionAsync(LeadPlatform.ViewsProjection, last.Position, Cancel);

        var listed = new List<(long, string)>();
        var token = "";
        do
        {
            var page = await _platform.Queries.ListFollowupsAsync(
                new ListFollowupsRequest { DueFrom = "2031-03-01", DueTo = "2031-03-31", PageSize = 2, PageToken = token }, cancellationToken: Cancel);
            listed.AddRange(page.Leads.Select(l => (l.LeadId, l.FollowupOn)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([(19004L, "2031-03-01"), (19003L, "2031-03-02"), (19005L, "2031-03-02")], listed);
    }

    public static TheoryData<string, ListFollowupsRequest, string, string> Refusals => new()
    {
        { "not a date", new() { DueFrom = "tomorrow", PageSize = 10 }, "due_from", "due_from must be a calendar date written yyyy-mm-dd, or empty for no bound (got 8 characters that are not one)" },
        { "no such day", new() { DueTo = "2031-02-30", PageSize = 10 }, "due_to", "due_to must be a calendar date written yyyy-mm-dd, or empty for no bound (got 10 characters that are not one)" },
        { "window backwards", new() { DueFrom = "2031-03-02", DueTo = "2031-03-01", PageSize = 10 }, "due_to", "due_to (2031-03-01) must not be before due_from (2031-03-02)" },
        { "page size 0", new() { PageSize = 0 }, "page_size", "page_size must be between 1 and 500 (got 0)" },
        { "forged token", new() { PageSize = 10, PageToken = "ZjF8fA.AAAAAAAAAAAAAAAAAAAAAA" }, "page_token", "page_token is not a token this listing issued (it was changed or forged)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_requests_are_invalid_argument_naming_the_field(string why, ListFollowupsRequest request, string field, string message)
    {
        var error = await LeadPlatform.FailsAsync(() => _platform.Queries.ListFollowupsAsync(request, cancellationToken: Cancel).ResponseAsync);

        Assert.True((StatusCode.InvalidArgument, field, message) == (error.StatusCode, error.Trailers.GetValue("field"), error.Status.Detail), $"{why}: {error.Status}");
    }

    [Fact]
    public async Task A_list_leads_token_is_refused_by_the_follow_up_listing()
    {
        LeadCommandReply last = null!;
        foreach (var id in new[] { 19011L, 19012L })
        {
            last = await _platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Token {id}", Email = $"token{id}@example.com", Phone = $"0303{id}", CommandId = $"e2e-followup-token-{id}",
            }, cancellationToken: Cancel);
        }

        await _platform.WaitForProjectionAsync(LeadPlatform.ViewsProjection, last.Position, Cancel);
        var leads = await _platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 1 }, cancellationToken: Cancel);
        Assert.NotEmpty(leads.NextPageToken);

        var error = await LeadPlatform.FailsAsync(() => _platform.Queries.ListFollowupsAsync(
            new ListFollowupsRequest { PageSize = 1, PageToken = leads.NextPageToken }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "page_token"), (error.StatusCode, error.Trailers.GetValue("field")));
    }
}
