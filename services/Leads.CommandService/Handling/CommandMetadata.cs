using System.Diagnostics;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>The metadata written with every event of a command: why (correlation, causation), who, and under which trace.</summary>
public static class CommandMetadata
{
    public static EventMetadata For(IncomingCommand incoming, CallerContext caller, Activity? activity)
    {
        var trace = activity ?? Activity.Current;
        var requestId = incoming.CommandId ?? Guid.NewGuid().ToString("N");
        return new EventMetadata
        {
            CorrelationId = caller.CorrelationId ?? requestId,
            CausationId = requestId,
            UserId = caller.Identity,
            TraceParent = trace is { IdFormat: ActivityIdFormat.W3C } ? trace.Id : null,
            TraceState = trace?.TraceStateString,
            CommandId = incoming.CommandId,
            CommandFingerprint = incoming.CommandId is null ? null : incoming.Fingerprint,
        };
    }
}
