using Leads.CommandService.ForgetLead;
using Leads.CommandService.Grpc;
using Leads.CommandService.Handling;
using Leads.CommandService.ImportLeads;
using Leads.CommandService.Limits;
using Leads.CommandService.Retention;
using Leads.EventStore.Hosting;
using Leads.EventStore.Telemetry;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;
using Leads.ServiceDefaults.Security;

namespace Leads.CommandService;

/// <summary>Wires the command service: its endpoint defaults, the event store chosen by configuration, the handler.</summary>
public static class LeadCommandsHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5101";

    /// <summary>The largest LeadCommands request accepted, in bytes.</summary>
    public const int MaxCommandMessageBytes = 64 * 1024;

    public static WebApplicationBuilder AddLeadCommands(this WebApplicationBuilder builder)
    {
        builder.ListenForGrpc(DefaultUrl);

        var events = builder.Services.AddLeadEventStore(builder.Configuration, (store, location) => store.Instrumented(location.Kind.ToString()));
        builder.Services.AddLeadKeys(builder.Configuration, events.DataDirectory);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandLog>();
        builder.Services.AddSingleton<CrashPoints>();
        builder.Services.AddSingleton<LeadWriteLocks>();
        builder.Services.AddSingleton<CommandKeyLocks>();
        builder.Services.AddSingleton(new LeadStateCache(builder.Configuration.GetValue("Leads:Commands:StateCacheLeads", LeadStateCache.DefaultCapacity)));
        builder.Services.AddSingleton<CommandIdempotency>();
        builder.Services.AddSingleton<LeadWriter>();
        builder.Services.AddSingleton<LeadCommandService>();
        builder.Services.AddSingleton<ImportedLeadWriter>();
        builder.Services.AddSingleton<LeadImport>();
        builder.Services.AddRpcAccessRules(LeadCommandsAccess.Rules);

        // Commands are small (a lead's fields are a few hundred bytes): 64 KiB is ample and keeps hostile callers from
        // making the service buffer megabytes. Past it the caller gets ResourceExhausted.
        builder.Services.AddSingleton(CommandRateLimits.From(builder.Configuration));
        builder.Services.AddSingleton<CommandRateLimitInterceptor>();
        builder.Services.AddGrpc().AddServiceOptions<LeadCommandsEndpoint>(options =>
        {
            options.MaxReceiveMessageSize = MaxCommandMessageBytes;
            options.Interceptors.Add<CommandRateLimitInterceptor>();
        });
        builder.Services.AddSingleton<LeadEraser>();
        builder.Services.AddHostedService<UnfinishedErasures>();
        builder.Services.AddSingleton(RetentionOptions.From(builder.Configuration));
        builder.Services.AddSingleton<ClosedLeads>();
        builder.Services.AddSingleton<RetentionPolicy>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RetentionPolicy>());
        return builder;
    }
}
