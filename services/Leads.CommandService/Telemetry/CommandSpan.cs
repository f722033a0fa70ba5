using System.Diagnostics;
using Leads.CommandService.Handling;

namespace Leads.CommandService.Telemetry;

/// <summary>One command's span (tagged with its lead, key and outcome) and its entry in the command metrics.</summary>
public sealed class CommandSpan : IDisposable
{
    private readonly IncomingCommand _incoming;
    private readonly TimeProvider _time;
    private readonly long _started;

    private CommandSpan(IncomingCommand incoming, TimeProvider time)
    {
        _incoming = incoming;
        _time = time;
        _started = time.GetTimestamp();
        Activity = CommandTelemetry.Source.StartActivity(incoming.Rpc);
        Activity?.SetTag("lead.id", incoming.Command.LeadId);
        Activity?.SetTag("command.id", incoming.CommandId);
    }

    /// <summary>The command's trace, written into its events' metadata; null when nobody listens.</summary>
    public Activity? Activity { get; }

    public static CommandSpan Start(IncomingCommand incoming, TimeProvider time) => new(incoming, time);

    /// <summary>Tags the span with the outcome and counts the command; returns the outcome unchanged.</summary>
    public CommandOutcome Finish(CommandOutcome outcome)
    {
        var name = NameOf(outcome);
        Activity?.SetTag("command.outcome", name);
        if (outcome is CommandOutcome.Contended)
        {
            Activity?.SetStatus(ActivityStatusCode.Error, "contention");
        }

        CommandTelemetry.Handled(_incoming.Rpc, name, _time.GetElapsedTime(_started));
        return outcome;
    }

    public void Dispose() => Activity?.Dispose();

    private static string NameOf(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Accepted { Reply.NoOp: true } => "no_op",
        CommandOutcome.Accepted => "accepted",
        CommandOutcome.Refused r => r.Error.Kind.ToString(),
        CommandOutcome.Conflicted => "conflict",
        CommandOutcome.Contended => "contended",
        _ => "unknown",
    };
}
