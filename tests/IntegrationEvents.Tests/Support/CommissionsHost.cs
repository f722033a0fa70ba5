using System.Net.Http.Headers;
using System.Net.Http.Json;
using Leads.Commissions;
using Leads.Commissions.CountConversions;
using Leads.Commissions.FollowupReminders;
using Leads.Security;
using Leads.ServiceDefaults.Security;
using Leads.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationEvents.Tests.Support;

/// <summary>The commissions example consumer, wired as its deployable, asked over its HTTP endpoint.</summary>
public sealed class CommissionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private CommissionsHost(WebApplication app)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For([LeadsRoles.Read]));
    }

    public static async Task<CommissionsHost> StartAsync(string dataDirectory, string rabbitMq, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Leads:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            [AuthSettings.SigningKeyKey] = TestTokens.SigningKeyBase64,
        });
        builder.Logging.ClearProviders();
        builder.AddLeadsAuthentication();
        builder.AddCommissions();
        var app = builder.Build();
        app.MapCommissions();
        await app.StartAsync(cancellationToken);
        return new CommissionsHost(app);
    }

    /// <summary>All conversions counted, over every day (GET /conversions).</summary>
    public async Task<long> TotalConversionsAsync(CancellationToken cancellationToken)
    {
        var days = await _http.GetFromJsonAsync<List<DailyConversions>>("/conversions", cancellationToken);
        return days?.Sum(d => d.Conversions) ?? 0;
    }

    /// <summary>The sales team's open follow-up to-dos (GET /followup-todos).</summary>
    public async Task<IReadOnlyList<FollowupTodo>> FollowupTodosAsync(CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync<List<FollowupTodo>>("/followup-todos", cancellationToken) ?? [];

    /// <summary>GET /conversions/{day}.</summary>
    public async Task<long> ConversionsOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var reply = await _http.GetFromJsonAsync<DailyConversions>($"/conversions/{day:yyyy-MM-dd}", cancellationToken);
        return reply?.Conversions ?? 0;
    }

    /// <summary>The status of GET /conversions with <paramref name="token"/> (none when null).</summary>
    public async Task<System.Net.HttpStatusCode> ConversionsStatusWithAsync(string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conversions");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = new HttpClient { BaseAddress = _http.BaseAddress };
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public long DuplicatesIgnored => ((ConversionLedger)_app.Services.GetService(typeof(ConversionLedger))!).DuplicatesIgnored;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
