using Leads.CommandService.ForgetLead;
using Leads.CommandService.Handling;
using Leads.EventStore.Hosting;
using Leads.EventStore.Telemetry;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;

namespace Leads.CommandService;

/// <summary>Wires the command service: its endpoint defaults, the event store chosen by configuration, the handler.</summary>
public static class LeadCommandsHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5101";

    public static WebApplicationBuilder AddLeadCommands(this WebApplicationBuilder builder)
    {
        builder.ListenForGrpc(DefaultUrl);

        var events = builder.Services.AddLeadEventStore(builder.Configuration, (store, location) => store.Instrumented(location.Kind.ToString()));
        builder.Services.AddLeadKeys(builder.Configuration, events.DataDirectory);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandLog>();
        builder.Services.AddSingleton<LeadWriteLocks>();
        builder.Services.AddSingleton<LeadCommandService>();
        builder.Services.AddSingleton<LeadEraser>();
        return builder;
    }
}
