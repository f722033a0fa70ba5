using Leads.CommandService.Handling;
using Leads.CommandService.Storage;
using Leads.EventStore.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Leads.CommandService;

/// <summary>Wires the command service: its endpoint defaults, the event store chosen by configuration, the handler.</summary>
public static class LeadCommandsHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5101";

    public static WebApplicationBuilder AddLeadCommands(this WebApplicationBuilder builder)
    {
        ListenForGrpc(builder);

        var location = EventStoreLocation.FromConfiguration(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddSingleton(location);
        builder.Services.AddSingleton(services => location.Open(services).Instrumented(location.Kind.ToString()));
        builder.Services.AddHostedService<EventStoreStartupCheck>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CommandLog>();
        builder.Services.AddSingleton<LeadWriteLocks>();
        builder.Services.AddSingleton<LeadCommandService>();
        return builder;
    }

    /// <summary>
    /// 127.0.0.1:5101 unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c> say otherwise; HTTP/2 only
    /// (cleartext with prior knowledge, as gRPC clients speak it) unless <c>Kestrel:EndpointDefaults:Protocols</c> is set.
    /// </summary>
    private static void ListenForGrpc(WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[WebHostDefaults.ServerUrlsKey])
            && !config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (string.IsNullOrWhiteSpace(config["Kestrel:EndpointDefaults:Protocols"]))
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }
    }
}
