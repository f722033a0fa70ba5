using Grpc.Core;
using Leads.CommandService.Handling;

namespace Leads.CommandService.Grpc;

/// <summary>
/// Reads who is calling and in which conversation: <c>x-correlation-id</c>, and the authenticated user's name or
/// else an <c>x-caller</c> header. Values that are not short printable ASCII are ignored rather than stored.
/// </summary>
public static class CallerHeaders
{
    public const string CorrelationId = "x-correlation-id";
    public const string Caller = "x-caller";
    private const int MaxLength = 200;

    public static CallerContext Read(ServerCallContext context)
    {
        var user = context.GetHttpContext().User.Identity;
        var identity = user is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Header(context, Caller);
        return new CallerContext(Header(context, CorrelationId), identity);
    }

    private static string? Header(ServerCallContext context, string key)
    {
        var value = context.RequestHeaders.GetValue(key)?.Trim();
        return value is { Length: > 0 and <= MaxLength } && value.All(c => c is >= ' ' and <= '~') ? value : null;
    }
}
