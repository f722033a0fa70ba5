using System.Globalization;
using System.Text.Json.Serialization;
using Grpc.Core;

namespace Leads.QueryService.PageCommands;

/// <summary>
/// A command the command service refused (or could not be asked), as the page reads it: the gRPC status (number and
/// name), its message, and what its trailers say: the bad <c>field</c>, and on a conflict the conflicting events with
/// their revisions and the lead's current and the caller's expected revision.
/// </summary>
internal sealed record CommandRefusal(
    int Code,
    string Status,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ConflictingEvent>? ConflictingEvents,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? CurrentRevision,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ulong? ExpectedRevision)
{
    public const string Unreachable = "the command service is not reachable";

    /// <summary>The HTTP status of a gRPC status, as gRPC JSON transcoding maps it (google.rpc.Code).</summary>
    public int HttpStatus => (StatusCode)Code switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.Aborted or StatusCode.AlreadyExists => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static CommandRefusal Invalid(string field, string message) =>
        new((int)StatusCode.InvalidArgument, Name(StatusCode.InvalidArgument), message, field, null, null, null);

    /// <summary>What the command service answered, trailers included; an unreachable service reads as such.</summary>
    public static CommandRefusal From(RpcException refused)
    {
        var trailers = refused.Trailers;
        var code = refused.StatusCode;
        var message = code == StatusCode.Unavailable && IsTransportFailure(refused) ? Unreachable : refused.Status.Detail;
        return new CommandRefusal(
            (int)code,
            Name(code),
            message,
            trailers.GetValue("field"),
            trailers.GetValue("conflicting-events") is { Length: > 0 } conflicts ? ConflictingEvent.ParseList(conflicts) : null,
            Revision(trailers.GetValue("current-revision")),
            Revision(trailers.GetValue("expected-revision")));
    }

    // The client's own Unavailable (no connection) carries the transport's exception; the service's never does.
    private static bool IsTransportFailure(RpcException refused) => refused.Status.DebugException is not null;

    private static ulong? Revision(string? text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    // INVALID_ARGUMENT, as google.rpc.Code and gRPC JSON spell it.
    private static string Name(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}

/// <summary>One event another writer appended that conflicts with the refused command: <c>StatusChanged.v1@5</c>.</summary>
internal sealed record ConflictingEvent(string Type, ulong Revision)
{
    public static IReadOnlyList<ConflictingEvent> ParseList(string trailer) =>
        trailer.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Split('@'))
            .Where(parts => parts.Length == 2 && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(parts => new ConflictingEvent(parts[0], ulong.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture)))
            .ToList();
}
