using System.Globalization;
using Grpc.Core;
using Leads.CommandService.Handling;
using Leads.Domain;

namespace Leads.CommandService.Grpc;

/// <summary>
/// Turns a refused command into a gRPC status a caller can act on. Trailers: <c>field</c> (the bad input field),
/// <c>conflicting-events</c> (<c>Type@revision,...</c>) and <c>current-revision</c> on a conflict.
/// </summary>
public static class RpcErrors
{
    public const string FieldTrailer = "field";
    public const string ConflictingEventsTrailer = "conflicting-events";
    public const string CurrentRevisionTrailer = "current-revision";

    public static RpcException For(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Refused r => Refused(r.Error),
        CommandOutcome.Conflicted c => Conflicted(c),
        CommandOutcome.Contended c => new RpcException(new Status(
            StatusCode.Aborted,
            $"lead {c.LeadId} kept changing under this command ({c.Attempts} attempts lost the race to other writers); retry it")),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "not a failed outcome"),
    };

    private static RpcException Refused(DomainError error)
    {
        var code = error.Kind switch
        {
            DomainErrorKind.InvalidArgument => StatusCode.InvalidArgument,
            DomainErrorKind.NotFound => StatusCode.NotFound,
            DomainErrorKind.AlreadyExists => StatusCode.AlreadyExists,
            DomainErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
            _ => StatusCode.FailedPrecondition,
        };
        var trailers = new Metadata();
        if (error.Field is { } field)
        {
            trailers.Add(FieldTrailer, field);
        }

        return new RpcException(new Status(code, error.Message), trailers);
    }

    private static RpcException Conflicted(CommandOutcome.Conflicted c)
    {
        var conflicts = string.Join(',', c.Conflicts.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.EventType}@{m.Revision}")));
        var message = $"lead {c.LeadId} changed after expected_revision {c.ExpectedRevision} (now at revision {c.CurrentRevision}) "
            + $"in ways that conflict with this command: {conflicts}; read the lead again and decide anew";
        var trailers = new Metadata
        {
            { ConflictingEventsTrailer, conflicts },
            { CurrentRevisionTrailer, c.CurrentRevision.ToString(CultureInfo.InvariantCulture) },
            { "expected-revision", c.ExpectedRevision.ToString(CultureInfo.InvariantCulture) },
        };
        return new RpcException(new Status(StatusCode.Aborted, message), trailers);
    }
}
