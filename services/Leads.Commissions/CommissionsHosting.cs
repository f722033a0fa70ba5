using Leads.Commissions.CountConversions;
using Leads.Commissions.FollowupReminders;
using Leads.Messaging;
using Leads.Security;
using Leads.ServiceDefaults;
using MassTransit;

namespace Leads.Commissions;

/// <summary>
/// Wires the commissions example: the ledger in <c>commissions.db</c> in <c>Leads:DataDirectory</c>, the bus (in-memory
/// unless <c>ConnectionStrings:rabbitmq</c> is set) with the <see cref="QueueName"/> receive endpoint, and
/// <c>GET /conversions</c> and <c>GET /conversions/{day}</c>, which are read models like LeadQueries: they need a bearer
/// token with <c>leads.read</c> (401 without a valid token, 403 without the role). /health, /alive and /metrics stay open.
/// </summary>
public static class CommissionsHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5107";
    public const string QueueName = "commissions-lead-converted";
    public const string FollowupQueueName = "commissions-followup-reminders";
    public const string DataDirectoryKey = "Leads:DataDirectory";

    public static WebApplicationBuilder AddCommissions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.UseConfiguredTls();
        var configured = builder.Configuration[DataDirectoryKey];
        var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? ".data" : configured, Directory.GetCurrentDirectory());
        builder.Services.AddSingleton(new ConversionLedger(Path.Combine(dataDirectory, ConversionLedger.FileName)));
        builder.Services.AddSingleton(new FollowupTodoList(Path.Combine(dataDirectory, FollowupTodoList.FileName)));
        builder.Services.AddLeadsMessageBus(
            builder.Configuration,
            bus =>
            {
                bus.AddConsumer<LeadConvertedConsumer>();
                bus.AddConsumer<FollowupReminderConsumer>();
            },
            (context, cfg) =>
            {
                cfg.ReceiveEndpoint(QueueName, endpoint =>
                {
                    // The ledger serialises writes anyway; a few at a time keeps SQLite's writer lock short.
                    endpoint.ConcurrentMessageLimit = 4;
                    endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                    endpoint.ConfigureConsumer<LeadConvertedConsumer>(context);
                });
                // One at a time: a lead's reminders and reschedules are applied in the order they arrive.
                cfg.ReceiveEndpoint(FollowupQueueName, endpoint =>
                {
                    endpoint.ConcurrentMessageLimit = 1;
                    endpoint.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
                    endpoint.ConfigureConsumer<FollowupReminderConsumer>(context);
                });
            });
        return builder;
    }

    public static WebApplication MapCommissions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/conversions", (ConversionLedger ledger, CancellationToken ct) => ledger.ListAsync(ct))
            .RequireAuthorization(LeadsRoles.Read);
        app.MapGet("/conversions/{day}", async (DateOnly day, ConversionLedger ledger, CancellationToken ct) =>
            new DailyConversions(day, await ledger.ConversionsOnAsync(day, ct).ConfigureAwait(false)))
            .RequireAuthorization(LeadsRoles.Read);
        app.MapGet("/followup-todos", (FollowupTodoList todos) => todos.Open())
            .RequireAuthorization(LeadsRoles.Read);
        return app;
    }
}
