using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.QueryService.PageCommands;

/// <summary>
/// Sends one command from the page to the command service as its gRPC client, with the caller's own bearer token: the
/// command service stays the only writer and decides everything (roles, validation, idempotency, conflicts). Here the
/// JSON body is only parsed into the command's protobuf message (gRPC JSON's mapping, unknown fields refused) and the
/// lead id of the route put in; a body that cannot be parsed is refused here and nothing is sent.
/// </summary>
internal sealed class CommandForwarder(LeadCommands.LeadCommandsClient commands, TimeProvider clock)
{
    /// <summary>A command body is a few hundred bytes; the command service itself takes at most 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>How long a command may take before the page hears DeadlineExceeded (it may retry with the same command id).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public Task<IResult> InitializeAsync(HttpContext http) =>
        ForwardAsync<InitializeLeadRequest>(http, null, r => r.LeadId, (r, id) => r.LeadId = id, (r, o) => commands.InitializeLeadAsync(r, o));

    public Task<IResult> ChangeNameAsync(HttpContext http, string leadId) =>
        ForwardAsync<ChangeNameRequest>(http, leadId, r => r.LeadId, (r, id) => r.LeadId = id, (r, o) => commands.ChangeNameAsync(r, o));

    public Task<IResult> ChangeContactInfoAsync(HttpContext http, string leadId) =>
        ForwardAsync<ChangeContactInfoRequest>(http, leadId, r => r.LeadId, (r, id) => r.LeadId = id, (r, o) => commands.ChangeContactInfoAsync(r, o));

    public Task<IResult> ChangeStatusAsync(HttpContext http, string leadId) =>
        ForwardAsync<ChangeStatusRequest>(http, leadId, r => r.LeadId, (r, id) => r.LeadId = id, (r, o) => commands.ChangeStatusAsync(r, o));

    public Task<IResult> SetFollowupAsync(HttpContext http, string leadId) =>
        ForwardAsync<SetFollowupRequest>(http, leadId, r => r.LeadId, (r, id) => r.LeadId = id, (r, o) => commands.SetFollowupAsync(r, o));

    private async Task<IResult> ForwardAsync<TRequest>(
        HttpContext http,
        string? routeLeadId,
        Func<TRequest, long> bodyLeadId,
        Action<TRequest, long> setLeadId,
        Func<TRequest, CallOptions, AsyncUnaryCall<LeadCommandReply>> send)
        where TRequest : IMessage<TRequest>, new()
    {
        var parsed = await ParseAsync<TRequest>(http).ConfigureAwait(false);
        if (parsed.Refusal is { } refusal)
        {
            return Refuse(refusal);
        }

        var request = parsed.Request!;
        if (routeLeadId is not null)
        {
            if (!long.TryParse(routeLeadId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Refuse(CommandRefusal.Invalid("lead_id", $"lead_id in the address must be a positive number (got '{Shorten(routeLeadId)}')"));
            }

            var inBody = bodyLeadId(request);
            if (inBody != 0 && inBody != id)
            {
                return Refuse(CommandRefusal.Invalid("lead_id", $"lead_id {inBody} in the body is not the lead {id} of the address"));
            }

            setLeadId(request, id);
        }

        try
        {
            var reply = await send(request, CallOptionsFor(http)).ConfigureAwait(false);
            return Results.Text(Formatter.Format(reply), "application/json", System.Text.Encoding.UTF8);
        }
        catch (RpcException refused)
        {
            return Refuse(CommandRefusal.From(refused));
        }
    }

    private CallOptions CallOptionsFor(HttpContext http)
    {
        var headers = new Metadata();
        if (http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            headers.Add("authorization", authorization);
        }

        if (http.Request.Headers["x-correlation-id"].ToString() is { Length: > 0 } correlation)
        {
            headers.Add("x-correlation-id", correlation);
        }

        return new CallOptions(headers, clock.GetUtcNow().UtcDateTime + Deadline, http.RequestAborted);
    }

    private static async Task<(TRequest? Request, CommandRefusal? Refusal)> ParseAsync<TRequest>(HttpContext http)
        where TRequest : IMessage<TRequest>, new()
    {
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, CommandRefusal.Invalid("body", "the body must be JSON (Content-Type: application/json)"));
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (default, CommandRefusal.Invalid("body", $"the body must be at most {MaxBodyBytes} bytes"));
        }

        var buffer = new char[MaxBodyBytes + 1];
        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var length = await reader.ReadBlockAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (length > MaxBodyBytes)
        {
            return (default, CommandRefusal.Invalid("body", $"the body must be at most {MaxBodyBytes} bytes"));
        }

        try
        {
            return (Parser.Parse<TRequest>(new string(buffer, 0, length)), null);
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            return (default, CommandRefusal.Invalid("body", $"the body is not a valid {new TRequest().Descriptor.Name} in JSON: {Shorten(e.Message)}"));
        }
    }

    private static IResult Refuse(CommandRefusal refusal) => Results.Json(refusal, statusCode: refusal.HttpStatus);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
