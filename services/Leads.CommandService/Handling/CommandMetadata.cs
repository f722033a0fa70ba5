using System.Diagnostics;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>The metadata written with every event of a command: why (correlation, causation), who, and under which trace.</summary>
public static class CommandMetadata
{
    public static EventMetadata For(IncomingCommand incoming, CallerContext caller, Activity? activity)
    {
        var requestId = incoming.CommandId ?? Guid.NewGuid().ToString("N");
        return Caused(requestId, caller, activity) with
        {
            CommandId = incoming.CommandId,
            CommandFingerprint = incoming.CommandId is null ? null : incoming.Fingerprint,
        };
    }

    /// <summary>For writes that are not one command (a bulk import): <paramref name="cause"/> names them in the audit log.</summary>
    public static EventMetadata Caused(string cause, CallerContext caller, Activity? activity)
    {
        var trace = activity ?? Activity.Current;
        return new EventMetadata
        {
            CorrelationId = caller.CorrelationId ?? cause,
            CausationId = cause,
            UserId = caller.Identity,
            TraceParent = trace is { IdFormat: ActivityIdFormat.W3C } ? trace.Id : null,
            TraceState = trace?.TraceStateString,
            OccurredAt = caller.OccurredAt,
        };
    }
}
