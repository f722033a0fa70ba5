using System.Net;
using System.Text.Json;
using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>
/// leads.v1.LeadAnalytics as JSON over HTTP/1.1 on the page endpoint (/v1/analytics/*), as the dashboard calls it:
/// malformed dates, reversed and absurd periods, unknown buckets and huge strings are 400 with a message that starts
/// with the field it is about (never a 500), the ends of the calendar are answered, and a caller without a valid token
/// with leads.read is 401 or 403.
/// </summary>
public abstract class AnalyticsJsonRouteTests(HostilePlatform platform)
{
    private readonly HostilePlatform platform = platform.Running();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/v1/analytics/pipeline?asOf=2026-13-01", "as_of" },
        { "/v1/analytics/pipeline?asOf=2026-06-30T00:00:00Z", "as_of" },
        { "/v1/analytics/pipeline?asOf=2026-06-30&from=2026-01-01", "as_of" },
        { "/v1/analytics/pipeline?as_of=2026-06-30&bucket=week", "as_of" },
        { "/v1/analytics/pipeline?from=2026-01-01&to=2026-02-01", "bucket" },
        { "/v1/analytics/pipeline?from=2000-01-01&to=2019-12-31&bucket=day", "bucket" },
        { "/v1/analytics/funnel?from=2026-02-01&to=2026-01-01&bucket=week", "to" },
        { "/v1/analytics/funnel?from=2026-01-01&to=2026-02-01&bucket=fortnight", "bucket" },
        { "/v1/analytics/funnel?from=2026-01-01&to=2026-02-01&bucket=BUCKET_WEEK", "bucket" },
        { "/v1/analytics/funnel?to=2026-02-01&bucket=week", "from" },
        { "/v1/analytics/time-in-status?from=2026-01-01T00:00:00Z&to=2026-02-01", "from" },
        { "/v1/analytics/time-in-status?from=1767225600&to=2026-02-01", "from" },
        { "/v1/analytics/followups?from=0001-01-01&to=9999-12-31", "to" },
        { "/v1/analytics/followups?from=2026-01-01&to=%2B10000-01-01", "to" },
        { "/v1/analytics/activity?from=%00&to=2026-01-01", "from" },
        { "/v1/analytics/activity?from=2026-01-01&to=2026-01-01%0A", "to" },
        { "/v1/analytics/activity?from=%E2%80%8B2026-01-01&to=2026-01-02", "from" },
        { "/v1/analytics/activity?from=2026-01-01&to=" + new string('9', 4_000), "to" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_period_is_400_with_a_message_naming_its_field(string path, string field)
    {
        using var http = Http(TestTokens.For([LeadsRoles.Read]));

        using var response = await http.GetAsync(path, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        var message = body.RootElement.GetProperty("message").GetString()!;
        Assert.True(message.StartsWith(field + " ", StringComparison.Ordinal), $"{path}: the message does not start with {field}: {message}");
        Assert.True(message.Length < 300, $"{path}: a {message.Length}-character message");
    }

    [Theory]
    [InlineData("/v1/analytics/pipeline?asOf=9999-12-31")]
    [InlineData("/v1/analytics/pipeline?asOf=0001-01-01")]
    [InlineData("/v1/analytics/pipeline?from=9999-12-01&to=9999-12-31&bucket=week")]
    [InlineData("/v1/analytics/funnel?from=9999-01-01&to=9999-12-31&bucket=month")]
    [InlineData("/v1/analytics/followups?from=9999-12-31&to=9999-12-31")]
    [InlineData("/v1/analytics/time-in-status?from=0001-01-01&to=0001-12-31")]
    public async Task The_first_and_last_days_of_the_calendar_are_answered(string path)
    {
        using var http = Http(TestTokens.For([LeadsRoles.Read]));

        using var response = await http.GetAsync(path, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-a-token", HttpStatusCode.Unauthorized)]
    [InlineData(LeadsRoles.Write, HttpStatusCode.Forbidden)]
    [InlineData(LeadsRoles.Admin, HttpStatusCode.Forbidden)]
    public async Task Without_a_valid_token_with_leads_read_the_routes_refuse(string? who, HttpStatusCode expected)
    {
        var token = who switch
        {
            null => null,
            LeadsRoles.Write or LeadsRoles.Admin => TestTokens.For([who]),
            _ => who,
        };
        using var http = Http(token);

        foreach (var route in new[] { "pipeline?asOf=2026-06-30", "funnel?from=2026-01-01&to=2026-02-01&bucket=week", "time-in-status?from=2026-01-01&to=2026-02-01",
            "followups?from=2026-01-01&to=2026-02-01", "activity?from=2026-01-01&to=2026-02-01" })
        {
            using var response = await http.GetAsync("/v1/analytics/" + route, Cancel);
            Assert.True(response.StatusCode == expected, $"{route} as {who ?? "anonymous"}: {(int)response.StatusCode}");
        }
    }

    private HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = platform.PageAddress, DefaultRequestVersion = HttpVersion.Version11 };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    [Collection(SqliteHostileCollection.Name)]
    public sealed class OnSqlite(SqliteHostilePlatform platform) : AnalyticsJsonRouteTests(platform);
}
