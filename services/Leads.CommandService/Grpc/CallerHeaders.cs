using Grpc.Core;
using Leads.CommandService.Handling;
using Leads.ServiceDefaults.Security;

namespace Leads.CommandService.Grpc;

/// <summary>
/// Reads who is calling and in which conversation: the caller is the verified bearer token's subject (never a header:
/// the authorization interceptor has already refused calls without one), the conversation the <c>x-correlation-id</c>
/// header. A correlation id that is not short printable ASCII is ignored rather than stored. A backfill's business time
/// comes from <see cref="OccurredAtHeader"/> (admins only).
/// </summary>
public static class CallerHeaders
{
    public const string CorrelationId = "x-correlation-id";
    private const int MaxLength = 200;

    public static CallerContext Read(ServerCallContext context) =>
        new(Header(context, CorrelationId), CallerIdentity.Of(context.GetHttpContext().User), OccurredAtHeader.Read(context, TimeProvider.System.GetUtcNow()));

    private static string? Header(ServerCallContext context, string key)
    {
        var value = context.RequestHeaders.GetValue(key)?.Trim();
        return value is { Length: > 0 and <= MaxLength } && value.All(c => c is >= ' ' and <= '~') ? value : null;
    }
}
