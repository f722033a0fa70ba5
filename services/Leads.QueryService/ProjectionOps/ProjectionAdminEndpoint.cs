using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.QueryService.Grpc;

namespace Leads.QueryService.ProjectionOps;

/// <summary>
/// <c>leads.v1.ProjectionAdmin</c>: lists projections and stores pause, resume, reset and replay requests in the
/// control plane, where the projector that owns the projection (another process) picks them up and acknowledges them.
/// </summary>
internal sealed class ProjectionAdminEndpoint(
    ProjectionCatalog catalog,
    ProjectionStatusReader status,
    RequestAcknowledgements acknowledgements,
    ILogger<ProjectionAdminEndpoint> logger)
    : ProjectionAdmin.ProjectionAdminBase
{
    public override async Task<ListProjectionsReply> ListProjections(ListProjectionsRequest request, ServerCallContext context)
    {
        var reply = new ListProjectionsReply();
        foreach (var projection in catalog.All)
        {
            reply.Projections.Add(await status.ReadAsync(projection, context.CancellationToken).ConfigureAwait(false));
        }

        return reply;
    }

    public override Task<ProjectionRequestReply> ResetProjection(ResetProjectionRequest request, ServerCallContext context)
    {
        ResetFrom from = request.FromCase switch
        {
            ResetProjectionRequest.FromOneofCase.FromStart when request.FromStart => ResetFrom.Start,
            ResetProjectionRequest.FromOneofCase.FromPosition => ResetFrom.Position(GlobalPosition.FromSequence(request.FromPosition)),
            ResetProjectionRequest.FromOneofCase.FromTime => ResetFrom.Time(request.FromTime.ToMoment("from_time")),
            _ => throw RpcErrors.InvalidArgument("from", "say where to replay from: from_start = true, from_position or from_time"),
        };
        return RequestAsync(request.Name, new ControlAction.Reset(from), context);
    }

    public override Task<ProjectionRequestReply> PauseProjection(PauseProjectionRequest request, ServerCallContext context) =>
        RequestAsync(request.Name, new ControlAction.Pause(), context);

    public override Task<ProjectionRequestReply> ResumeProjection(ResumeProjectionRequest request, ServerCallContext context) =>
        RequestAsync(request.Name, new ControlAction.Resume(), context);

    public override async Task<ListParkedReply> ListParked(ListParkedRequest request, ServerCallContext context)
    {
        if (request.LeadId < 0)
        {
            throw RpcErrors.InvalidArgument("lead_id", $"lead_id must be 0 (every lead) or positive (got {request.LeadId})");
        }

        var projections = string.IsNullOrEmpty(request.Name) ? catalog.All : [catalog.Get(request.Name)];
        var stream = request.LeadId > 0 ? LeadStream.Name(request.LeadId) : null;
        var reply = new ListParkedReply();
        foreach (var projection in projections)
        {
            var parked = await projection.Parked.ListParkedAsync(stream, context.CancellationToken).ConfigureAwait(false);
            reply.Events.AddRange(parked.Select(p => ToProto(projection.Name, p)));
        }

        return reply;
    }

    public override async Task<ProjectionRequestReply> ReplayParked(ReplayParkedRequest request, ServerCallContext context)
    {
        var projection = catalog.Get(request.Name);
        if (request.LeadId < 0)
        {
            throw RpcErrors.InvalidArgument("lead_id", $"lead_id must be 0 (every parked lead) or positive (got {request.LeadId})");
        }

        var stream = request.LeadId > 0 ? LeadStream.Name(request.LeadId) : null;
        var parked = await projection.Parked.ListParkedAsync(stream, context.CancellationToken).ConfigureAwait(false);
        var streams = parked.Select(p => p.StreamId).Distinct(StringComparer.Ordinal).ToList();
        if (streams.Count == 0 && stream is not null)
        {
            throw RpcErrors.NotFound($"projection {projection.Name} has no parked event for lead {request.LeadId}");
        }

        var stored = new List<ControlRequest>(streams.Count);
        foreach (var s in streams)
        {
            stored.Add(await projection.Control.RequestAsync(projection.Name, new ControlAction.ReplayParked(s), context.CancellationToken).ConfigureAwait(false));
        }

        logger.LogInformation("Projection {Projection}: replay of parked events requested for {StreamCount} streams", projection.Name, stored.Count);
        return await ReplyAsync(projection, stored, context).ConfigureAwait(false);
    }

    private async Task<ProjectionRequestReply> RequestAsync(string name, ControlAction action, ServerCallContext context)
    {
        var projection = catalog.Get(name);
        var stored = await projection.Control.RequestAsync(projection.Name, action, context.CancellationToken).ConfigureAwait(false);
        logger.LogInformation("Projection {Projection}: {Action} requested as {RequestId}", projection.Name, action, stored.RequestId);
        return await ReplyAsync(projection, [stored], context).ConfigureAwait(false);
    }

    /// <summary>Waits for the projector to acknowledge the requests (within the call's deadline), then says how they went.</summary>
    private async Task<ProjectionRequestReply> ReplyAsync(ProjectionEndpoint projection, IReadOnlyList<ControlRequest> requests, ServerCallContext context)
    {
        var answered = await acknowledgements.WaitAsync(projection.Control, requests, context).ConfigureAwait(false);
        return new ProjectionRequestReply
        {
            Projection = await status.ReadAsync(projection, context.CancellationToken).ConfigureAwait(false),
            RequestId = string.Join(',', requests.Select(r => r.RequestId)),
            Acknowledged = answered.All(r => r.AcknowledgedAt is not null),
            Succeeded = answered.All(r => r.Succeeded == true),
            Result = string.Join("; ", answered.Where(r => r.Result is not null).Select(r => r.Result)),
        };
    }

    private static Contracts.V1.ParkedEvent ToProto(string projection, Projections.ParkedEvent p) => new()
    {
        Projection = projection,
        StreamId = p.StreamId,
        LeadId = LeadStream.TryParseId(p.StreamId, out var id) ? id : 0,
        Revision = p.StreamRevision,
        Position = p.Position.Value,
        EventId = p.EventId.ToString(),
        EventType = p.EventType,
        RecordedAt = p.Created.ToTimestamp(),
        Held = p.Held,
        Error = p.Error,
        Attempts = p.Attempts,
        ParkedAt = p.ParkedAt.ToTimestamp(),
    };
}
