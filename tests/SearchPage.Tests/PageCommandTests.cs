using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Leads.Contracts.V1;

namespace SearchPage.Tests;

/// <summary>
/// The page's command routes on the query service, without a browser: forwarded to the command service with the
/// caller's token, answered with its status, message and trailers as JSON; bad input refused precisely, writing nothing.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class PageCommandTests(SearchPagePlatform platform)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = platform.PageAddress, DefaultRequestVersion = HttpVersion.Version11 };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.PostAsync(path, content, Cancel);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return (response.StatusCode, body.RootElement.Clone());
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    [Fact]
    public async Task A_rename_is_written_by_the_command_service_with_the_callers_identity_and_a_retry_writes_once()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Ada Page");
        using var http = Http(PageLeads.Writer("alice"));
        var body = """{"name":"Ada Renamed","expectedRevision":"3","commandId":"page-test-rename-once"}""";

        var first = await PostAsync(http, $"/v1/leads/{id}/name", body);
        var again = await PostAsync(http, $"/v1/leads/{id}/name", body);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("4", Text(first.Body.GetProperty("revision")));
        Assert.False(first.Body.GetProperty("rebased").GetBoolean());
        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        var renames = (await PageLeads.HistoryAsync(platform, id)).Where(e => e.Type.StartsWith("NameChanged", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, renames.Count);
        Assert.Equal("alice", renames[^1].Metadata.UserId);
        Assert.Equal("page-test-rename-once", renames[^1].Metadata.CommandId);
    }

    [Theory]
    [InlineData("name", """{"name":"  "}""", "name", "name must not be empty")]
    [InlineData("contact-info", """{"email":"not-an-email","phone":"030 1234567"}""", "email", "is not a valid email address")]
    [InlineData("contact-info", """{"email":"a@b.example","phone":"12"}""", "phone", "phone must have 5 to 20 digits")]
    [InlineData("followup", """{"followupOn":"2026-13-45"}""", "followup_on", "is not an ISO date yyyy-mm-dd")]
    [InlineData("status", """{"status":"NOPE"}""", "body", "not a valid ChangeStatusRequest")]
    [InlineData("name", """{"name":"x","colour":"red"}""", "body", "not a valid ChangeNameRequest")]
    [InlineData("name", """{"name":""", "body", "not a valid ChangeNameRequest")]
    [InlineData("name", """{"name":"x","leadId":"1"}""", "lead_id", "is not the lead")]
    public async Task Bad_input_is_InvalidArgument_naming_its_field_and_writes_nothing(string route, string json, string field, string message)
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Bad Input");
        using var http = Http(PageLeads.Writer("alice"));

        var (status, body) = await PostAsync(http, $"/v1/leads/{id}/{route}", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("status").GetString());
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_before_it_is_sent()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Form Post");
        using var http = Http(PageLeads.Writer("alice"));

        var (status, body) = await PostAsync(http, $"/v1/leads/{id}/name", "name=x", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body", body.GetProperty("field").GetString());
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }

    [Theory]
    [InlineData("reader", HttpStatusCode.Forbidden, "PERMISSION_DENIED", "leads.write")]
    [InlineData(null, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "bearer token")]
    public async Task The_command_service_refuses_callers_without_leads_write_and_nothing_is_written(string? who, HttpStatusCode expected, string code, string message)
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Read Only");
        using var http = Http(who is null ? null : PageLeads.Reader);

        var (status, body) = await PostAsync(http, $"/v1/leads/{id}/status", """{"status":"CLOSED","commandId":"page-test-refused"}""");

        Assert.Equal(expected, status);
        Assert.Equal(code, body.GetProperty("status").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }

    [Fact]
    public async Task A_stale_follow_up_after_a_status_change_is_Aborted_naming_the_conflicting_event_and_a_stale_rename_is_rebased()
    {
        var (id, last) = await PageLeads.CreateAsync(platform, "Stale Page", inFollowUp: true);
        var statusChange = await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.Closed }, cancellationToken: Cancel);
        using var http = Http(PageLeads.Writer("bob"));

        var refused = await PostAsync(http, $"/v1/leads/{id}/followup", $$"""{"followupOn":"2026-12-24","expectedRevision":"{{last.Revision}}"}""");
        var merged = await PostAsync(http, $"/v1/leads/{id}/name", $$"""{"name":"Merged Name","expectedRevision":"{{last.Revision}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("ABORTED", refused.Body.GetProperty("status").GetString());
        var conflict = Assert.Single(refused.Body.GetProperty("conflictingEvents").EnumerateArray());
        Assert.Equal("StatusChanged.v1", conflict.GetProperty("type").GetString());
        Assert.Equal(statusChange.Revision, conflict.GetProperty("revision").GetUInt64());
        Assert.Equal(statusChange.Revision, refused.Body.GetProperty("currentRevision").GetUInt64());
        Assert.Equal(last.Revision, refused.Body.GetProperty("expectedRevision").GetUInt64());
        Assert.Equal(HttpStatusCode.OK, merged.Status);
        Assert.True(merged.Body.GetProperty("rebased").GetBoolean());
        Assert.DoesNotContain(await PageLeads.HistoryAsync(platform, id), e => e.Type.StartsWith("FollowupSet", StringComparison.Ordinal) && e.Revision > last.Revision);
    }

    [Fact]
    public async Task Without_a_command_service_to_forward_to_a_command_is_Unavailable_saying_so()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Nobody Home");
        var nowhere = new Dictionary<string, string> { ["Leads:CommandService:Url"] = $"http://127.0.0.1:{Leads.Testing.FreePort.Next()}" };
        var (service, page) = await platform.StartQueryServiceAsync(Cancel, nowhere);
        await using var _ = service;
        using var http = new HttpClient { BaseAddress = page, DefaultRequestVersion = HttpVersion.Version11 };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PageLeads.Writer("alice"));

        var (status, body) = await PostAsync(http, $"/v1/leads/{id}/name", """{"name":"Not Sent"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("UNAVAILABLE", body.GetProperty("status").GetString());
        Assert.Equal("the command service is not reachable", body.GetProperty("message").GetString());
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }

    [Fact]
    public async Task An_unknown_lead_is_NotFound_and_an_existing_one_cannot_be_created_twice()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Twice");
        using var http = Http(PageLeads.Writer("alice"));

        var unknown = await PostAsync(http, "/v1/leads/987654322/name", """{"name":"Nobody"}""");
        var twice = await PostAsync(http, "/v1/leads", $$"""{"leadId":"{{id}}","name":"Twice","email":"t@page.example","phone":"030 1234567"}""");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.Status);
        Assert.Equal("ALREADY_EXISTS", twice.Body.GetProperty("status").GetString());
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }
}
