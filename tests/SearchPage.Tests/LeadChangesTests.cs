using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Leads.Contracts.V1;

namespace SearchPage.Tests;

/// <summary>The lead page's live stream (server-sent events on the page's endpoint), without a browser.</summary>
[Collection(SearchPageCollection.Name)]
public sealed class LeadChangesTests(SearchPagePlatform platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = platform.PageAddress, DefaultRequestVersion = HttpVersion.Version11, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    [Fact]
    public async Task The_stream_sends_the_lead_at_once_and_again_when_it_changes_elsewhere()
    {
        var (id, last) = await PageLeads.CreateAsync(platform, "Live Lead");
        using var http = Http(PageLeads.Reader);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(Deadline);
        using var response = await http.GetAsync($"/v1/leads/{id}/changes", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        var first = await NextLeadAsync(reader, timeout.Token);
        var rename = await platform.Commands.ChangeNameAsync(new ChangeNameRequest { LeadId = id, Name = "Live Lead Renamed" }, cancellationToken: Cancel);
        var second = await NextLeadAsync(reader, timeout.Token);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(last.Revision.ToString(), first.GetProperty("revision").GetString());
        Assert.Equal("Live Lead", first.GetProperty("name").GetString());
        Assert.Equal(rename.Revision.ToString(), second.GetProperty("revision").GetString());
        Assert.Equal("Live Lead Renamed", second.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("writer-only", HttpStatusCode.Forbidden)]
    public async Task The_stream_needs_leads_read(string? who, HttpStatusCode expected)
    {
        using var http = Http(who is null ? null : Leads.Testing.TestTokens.For([Leads.Security.LeadsRoles.Write], "writer-only"));

        using var response = await http.GetAsync($"/v1/leads/{LeadStory.LeadId}/changes", HttpCompletionOption.ResponseHeadersRead, Cancel);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_lead_id_that_is_not_a_positive_number_is_refused()
    {
        using var http = Http(PageLeads.Reader);

        using var response = await http.GetAsync("/v1/leads/0/changes", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lead_id must be a positive number", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> NextLeadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "lead")
            {
                using var data = JsonDocument.Parse(line["data: ".Length..]);
                return data.RootElement.Clone();
            }
        }

        throw new InvalidOperationException("the stream ended before the next lead event");
    }
}
