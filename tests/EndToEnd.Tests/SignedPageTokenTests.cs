using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>
/// Page tokens are signed by the query service: a token with one character changed, or a well-formed token the
/// service never issued, is InvalidArgument naming <c>page_token</c>, never another page.
/// </summary>
[Collection(SqlitePlatformCollection.Name)]
public sealed class SignedPageTokenTests(SqlitePlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edited_history_page_token_is_invalid_not_another_page()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        var first = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2 }, cancellationToken: Cancel);
        var second = await platform.Queries.GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2, PageToken = first.NextPageToken }, cancellationToken: Cancel);
        Assert.Equal([2UL, 3UL], second.Events.Select(e => e.Revision));

        // The unsigned part says "continue at revision 2"; one that says revision 4 is well-formed but not issued.
        var unsigned = first.NextPageToken[..first.NextPageToken.LastIndexOf('.')];
        var forged = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"history:{LeadStory.LeadId}:4")).TrimEnd('=');
        var notBase64 = unsigned + ".x'Z Q!" + new string('A', 16);
        foreach (var token in new[] { Edited(first.NextPageToken), unsigned, forged, forged + first.NextPageToken[first.NextPageToken.LastIndexOf('.')..], notBase64 })
        {
            var error = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadHistoryAsync(
                new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 2, PageToken = token }, cancellationToken: Cancel).ResponseAsync);
            Assert.Equal((StatusCode.InvalidArgument, "page_token"), (error.StatusCode, error.Trailers.GetValue("field")));
        }
    }

    [Fact]
    public async Task An_edited_list_page_token_is_invalid_not_another_page()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        var second = await platform.Commands.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = 5551, Name = "Page Token", Email = "page@token.example", Phone = "0301234567", CommandId = "signed-token-5551" },
            cancellationToken: Cancel);
        await platform.WaitForProjectionAsync(LeadPlatform.ViewsProjection, second.Position, Cancel);
        var first = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 1 }, cancellationToken: Cancel);
        Assert.NotEmpty(first.NextPageToken);

        var error = await LeadPlatform.FailsAsync(() => platform.Queries.ListLeadsAsync(
            new ListLeadsRequest { PageSize = 1, PageToken = Edited(first.NextPageToken) }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "page_token"), (error.StatusCode, error.Trailers.GetValue("field")));
    }

    /// <summary>The token with one character of its signed part changed (still valid base64url).</summary>
    private static string Edited(string token)
    {
        var chars = token.ToCharArray();
        chars[2] = chars[2] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
