using System.CommandLine;
using Grpc.Net.Client;
using Leads.Contracts.V1;

namespace Leads.Cli.Shell;

/// <summary>
/// Where the services are: <c>--commands</c> and <c>--queries</c> (every subcommand takes them), else the
/// <c>LEADS_COMMANDS_URL</c> / <c>LEADS_QUERIES_URL</c> environment variables, else the services' defaults. Every call
/// carries the bearer token <see cref="CallerToken"/> resolves.
/// </summary>
internal static class Endpoints
{
    public static Option<string> CommandsUrl { get; } = new("--commands")
    {
        Description = "Command service address",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEADS_COMMANDS_URL") ?? "http://127.0.0.1:5101",
    };

    public static Option<string> QueriesUrl { get; } = new("--queries")
    {
        Description = "Query service address (LeadQueries and ProjectionAdmin)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LEADS_QUERIES_URL") ?? "http://127.0.0.1:5102",
    };

    public static LeadCommands.LeadCommandsClient Commands(ParseResult parse) => new(Channel(parse, parse.GetValue(CommandsUrl)!));

    /// <summary>The command service as <paramref name="subject"/> when this tool mints its tokens (else as the given token).</summary>
    public static LeadCommands.LeadCommandsClient CommandsAs(ParseResult parse, string subject) => new(Channel(parse, parse.GetValue(CommandsUrl)!, subject));

    public static LeadQueries.LeadQueriesClient Queries(ParseResult parse) => new(Channel(parse, parse.GetValue(QueriesUrl)!));

    public static ProjectionAdmin.ProjectionAdminClient Admin(ParseResult parse) => new(Channel(parse, parse.GetValue(QueriesUrl)!));

    public static LeadAnalytics.LeadAnalyticsClient Analytics(ParseResult parse) => new(Channel(parse, parse.GetValue(QueriesUrl)!));

    private static GrpcChannel Channel(ParseResult parse, string url, string? subject = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (CallerToken.Resolve(parse, subject) is { } token)
        {
            handler = new Leads.Security.BearerTokenHandler(token, handler);
        }

        return GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
