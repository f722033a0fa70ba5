using Google.Protobuf.WellKnownTypes;
using System.Globalization;
using System.Text.Json;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;
using Leads.QueryService.Grpc;

namespace Leads.QueryService.TimeTravel;

/// <summary>
/// Time travel: folds the lead's events from the event store with the domain's own <see cref="LeadState.Evolve"/>, up
/// to a recorded moment or a stream revision (both inclusive). Views are not involved, so the answer is exact even
/// while a projection is rebuilding.
/// </summary>
internal sealed class LeadAsOfQuery(IEventStore store, LeadEventCodec codec)
{
    public async Task<LeadSnapshot> RunAsync(GetLeadAsOfRequest request, CancellationToken cancellationToken)
    {
        RpcErrors.ThrowIfInvalidLeadId(request.LeadId);
        Func<RecordedEvent, bool> includes = request.PointCase switch
        {
            GetLeadAsOfRequest.PointOneofCase.At => AtOrBefore(request.At.ToMoment("at")),
            GetLeadAsOfRequest.PointOneofCase.Revision => e => e.StreamRevision <= request.Revision,
            _ => throw RpcErrors.InvalidArgument("point", "set either at (a moment) or revision"),
        };

        var state = LeadState.Initial;
        RecordedEvent? lastFolded = null;
        RecordedEvent? first = null;
        ulong currentRevision = 0;
        await foreach (var e in store.ReadStreamAsync(LeadStream.Name(request.LeadId), ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, cancellationToken))
        {
            first ??= e;
            currentRevision = e.StreamRevision;
            if (!includes(e))
            {
                continue;
            }

            state = LeadState.Evolve(state, await DecodeAsync(e, cancellationToken));
            lastFolded = e;
        }

        if (first is null)
        {
            throw RpcErrors.LeadNotFound(request.LeadId);
        }

        if (request.PointCase == GetLeadAsOfRequest.PointOneofCase.Revision && request.Revision > currentRevision)
        {
            throw RpcErrors.OutOfRange("revision", string.Create(CultureInfo.InvariantCulture,
                $"lead {request.LeadId} has no revision {request.Revision}: its last revision is {currentRevision}"));
        }

        if (lastFolded is null || !state.Exists)
        {
            throw RpcErrors.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"lead {request.LeadId} did not exist yet at {request.At.ToMoment("at"):O}: it was created at {first.Created:O}"));
        }

        return new LeadSnapshot
        {
            LeadId = request.LeadId,
            Name = state.Name,
            Email = state.Email,
            Phone = state.Phone,
            Status = state.Status.ToProto(),
            FollowupOn = state.FollowupOn.ToIsoDate(),
            Revision = lastFolded.StreamRevision,
            Position = lastFolded.Position.Value,
            RecordedAt = lastFolded.Created.ToTimestamp(),
            CurrentRevision = currentRevision,
            Forgotten = state.Forgotten,
        };
    }

    // Recorded times are stored with sub-millisecond precision; a Timestamp carries nanoseconds, so compare exactly.
    private static Func<RecordedEvent, bool> AtOrBefore(DateTimeOffset moment) => e => e.Created <= moment;

    private async Task<ILeadEvent> DecodeAsync(RecordedEvent e, CancellationToken cancellationToken)
    {
        try
        {
            return await codec.ReadAsync(e, cancellationToken) ?? NotALeadEvent.Instance;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
            or System.Security.Cryptography.CryptographicException)
        {
            throw RpcErrors.DataLoss(string.Create(CultureInfo.InvariantCulture,
                $"event {e.EventType} at revision {e.StreamRevision} of {e.StreamId} cannot be read ({ex.Message}); fold up to an earlier revision"));
        }
    }

    /// <summary>A stored event that is not a lead event (another producer's): it changes nothing in the fold.</summary>
    private sealed record NotALeadEvent(long LeadId) : ILeadEvent
    {
        public static NotALeadEvent Instance { get; } = new(0);
    }
}
