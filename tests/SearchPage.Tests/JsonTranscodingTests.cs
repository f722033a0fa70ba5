using System.Net;
using System.Text.Json;

namespace SearchPage.Tests;

/// <summary>
/// What the page calls: the read RPCs of leads.v1.LeadQueries as JSON over HTTP/1.1 on the page's endpoint, with the
/// gRPC statuses as HTTP statuses; the gRPC port itself stays HTTP/2 only.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class JsonTranscodingTests(SearchPagePlatform platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // 64-bit integers: protobuf's JSON mapping writes them as strings, numbers are accepted too.
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = platform.PageAddress, DefaultRequestVersion = HttpVersion.Version11 };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? PageAccess.AgentToken);
        return http;
    }

    [Fact]
    public async Task The_JSON_calls_need_a_token_with_leads_read()
    {
        using var withoutRole = Http(Leads.Testing.TestTokens.For([Leads.Security.LeadsRoles.Write, Leads.Security.LeadsRoles.Admin]));
        using var anonymous = new HttpClient { BaseAddress = platform.PageAddress, DefaultRequestVersion = HttpVersion.Version11 };

        using var refused = await withoutRole.GetAsync("/v1/leads/1410", Cancel);
        using var unknown = await anonymous.GetAsync("/v1/leads/1410", Cancel);
        using var page = await anonymous.GetAsync("/", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_lead_its_search_hit_and_its_history_newest_first_answer_as_JSON()
    {
        using var http = Http();

        using var lead = JsonDocument.Parse(await http.GetStringAsync("/v1/leads/1410", Cancel));
        using var search = JsonDocument.Parse(await http.GetStringAsync("/v1/leads:search?query=03-27243457&pageSize=5", Cancel));
        using var history = JsonDocument.Parse(await http.GetStringAsync("/v1/leads/1410/history?pageSize=2&newestFirst=true", Cancel));
        using var asOf = JsonDocument.Parse(await http.GetStringAsync($"/v1/leads/1410/as-of?revision={platform.Story.FollowUp.Revision - 1}", Cancel));

        Assert.Equal(LeadStory.NewPhone, lead.RootElement.GetProperty("phone").GetString());
        var hit = search.RootElement.GetProperty("hits").EnumerateArray().Single(h => Text(h.GetProperty("leadId")) == "1410");
        Assert.True(hit.GetProperty("historical").GetBoolean());
        Assert.Equal("MATCHED_FIELD_PHONE", hit.GetProperty("matchedField").GetString());
        var events = history.RootElement.GetProperty("events").EnumerateArray().Select(e => Text(e.GetProperty("revision"))).ToList();
        Assert.Equal([platform.Story.Converted.Revision.ToString(), (platform.Story.Converted.Revision - 1).ToString()], events);
        Assert.NotEqual("", history.RootElement.GetProperty("nextPageToken").GetString());
        Assert.Equal("AVAILABLE", asOf.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/v1/leads/987654321", HttpStatusCode.NotFound)]
    [InlineData("/v1/leads/1410/history?pageSize=5&newestFirst=true&pageToken=%25%25", HttpStatusCode.BadRequest)]
    [InlineData("/v1/leads:search?query=%20&pageSize=5", HttpStatusCode.BadRequest)]
    public async Task Refusals_keep_their_status_and_message(string path, HttpStatusCode expected)
    {
        using var http = Http();

        using var response = await http.GetAsync(path, Cancel);

        Assert.Equal(expected, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task The_gRPC_port_still_refuses_HTTP_1()
    {
        using var http = new HttpClient { BaseAddress = platform.QueryService.Address, DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.GetAsync("/v1/leads/1410", Cancel);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
