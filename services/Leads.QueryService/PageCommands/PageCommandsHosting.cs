using Grpc.Net.Client;
using Leads.Contracts.V1;

namespace Leads.QueryService.PageCommands;

/// <summary>
/// The commands the search page sends, on the page's own origin: a few JSON routes that the query service forwards to
/// the command service (<c>Leads:CommandService:Url</c>, default <see cref="DefaultCommandServiceUrl"/>) as a gRPC
/// client, passing the caller's bearer token through. The command service authorizes, validates and writes; this
/// service only carries the command there and the answer back (see <see cref="CommandForwarder"/>).
/// </summary>
internal static class PageCommandsHosting
{
    public const string DefaultCommandServiceUrl = "http://127.0.0.1:5101";
    public const string UrlKey = "Leads:CommandService:Url";

    public static WebApplicationBuilder AddPageCommands(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[UrlKey];
        var address = new Uri(string.IsNullOrWhiteSpace(configured) ? DefaultCommandServiceUrl : configured.Trim());
        builder.Services.AddSingleton(_ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectTimeout = TimeSpan.FromSeconds(5) },
        }));
        builder.Services.AddSingleton(sp => new LeadCommands.LeadCommandsClient(sp.GetRequiredService<GrpcChannel>()));
        builder.Services.AddSingleton<CommandForwarder>();
        return builder;
    }

    /// <summary>The routes: the command service's own roles apply (leads.write), answered as it answers.</summary>
    public static WebApplication MapPageCommands(this WebApplication app)
    {
        var commands = app.MapGroup("/v1/leads");
        commands.MapPost("", (HttpContext http, CommandForwarder forward) => forward.InitializeAsync(http));
        commands.MapPost("/{leadId}/name", (HttpContext http, string leadId, CommandForwarder forward) => forward.ChangeNameAsync(http, leadId));
        commands.MapPost("/{leadId}/contact-info", (HttpContext http, string leadId, CommandForwarder forward) => forward.ChangeContactInfoAsync(http, leadId));
        commands.MapPost("/{leadId}/status", (HttpContext http, string leadId, CommandForwarder forward) => forward.ChangeStatusAsync(http, leadId));
        commands.MapPost("/{leadId}/followup", (HttpContext http, string leadId, CommandForwarder forward) => forward.SetFollowupAsync(http, leadId));
        return app;
    }
}
