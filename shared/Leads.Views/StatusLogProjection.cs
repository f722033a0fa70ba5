using Leads.Domain.Events;
using Leads.Projections;

namespace Leads.Views;

/// <summary>The status-changes log: <c>StatusLog + StatusChanged -> StatusLog</c>, timed by the event's recorded time.</summary>
public static class StatusLogProjection
{
    public const string Name = "status-log";

    public static Projection<StatusLog> Definition { get; } =
        new ProjectionBuilder<StatusLog>(Name, stream => StatusLog.Empty(LeadEventDecoder.LeadIdOf(stream)), LeadEventDecoder.Decode)
            .On<StatusChanged>((log, e, ctx) => log.Append(new StatusLogEntry(e.Status, ctx.Created, ctx.Position)))
            .Build();
}
