using Leads.Projections.Hosting;
using Leads.Projections.Sqlite;
using Leads.ReadStores;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// Registers the reminder process in the integration publisher: the deadline projection on the projection runtime
/// (its documents and checkpoint in <c>integration-publisher.db</c>) and the sweep that publishes reminders through the
/// publisher's bus. Off with <c>Reminders:Enabled=false</c>.
/// </summary>
public static class RemindersHosting
{
    public static IServiceCollection AddFollowupReminders(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(ReminderOptions.SectionName).Get<ReminderOptions>() ?? new ReminderOptions();
        options.Validate();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new ReminderDatabase(PublisherLedger.FileIn(dataDirectory)));
        services.AddSingleton<ReminderLedger>();
        services.AddSingleton<ReminderSweep>();
        services.AddProjector(
            _ => FollowupReminderProjection.Definition,
            store: sp => new SqliteProjectionStore<FollowupDeadline>(
                sp.GetRequiredService<ReminderDatabase>().Open, new SqliteFollowupDeadlines(), new SqliteProjectionLedger(FollowupReminderProjection.Name)));
        services.AddHostedService<ReminderTimer>();
        return services;
    }
}
