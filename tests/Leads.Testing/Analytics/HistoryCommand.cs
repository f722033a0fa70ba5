using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Testing.Analytics;

/// <summary>
/// One command on a lead as stored: its lead events, when, by whom (the token subject; "" when none), under which
/// command id. Events with personal data are left out of <paramref name="Events"/> (analytics never reads them), but
/// their command still counts.
/// </summary>
public sealed record HistoryCommand(long LeadId, DateTimeOffset At, string Caller, string CommandId, IReadOnlyList<ILeadEvent> Events)
{
    /// <summary>
    /// The commands of the lead streams among <paramref name="events"/> (in their global order): a stream's events in a
    /// row under one command id are one command (an event without a command id is a command of its own), at the
    /// events' recorded time, which must be one time per command.
    /// </summary>
    public static IReadOnlyList<HistoryCommand> FromRecorded(IEnumerable<RecordedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var commands = new List<HistoryCommand>();
        var last = new Dictionary<long, (string? CommandId, int Index)>();
        foreach (var e in events)
        {
            if (!LeadStream.TryParseId(e.StreamId, out var leadId) || !LeadEventSerializer.IsLeadEvent(e.EventType))
            {
                continue;
            }

            var decoded = LeadEventTypes.CarriesPersonalData(e.EventType) ? null : LeadEventSerializer.Deserialize(e.EventType, e.Data.Span);
            var commandId = e.Metadata.CommandId;
            // Dated as lead-analytics dates it: a backfill's business time (an admin's x-leads-occurred-at), else the recorded time.
            var at = e.Metadata.OccurredAt ?? e.Created;
            if (commandId is not null && last.TryGetValue(leadId, out var previous) && previous.CommandId == commandId)
            {
                var command = commands[previous.Index];
                Assert.True(command.At == at, $"command {commandId} on lead {leadId} has events dated {command.At:O} and {at:O}");
                commands[previous.Index] = command with { Events = decoded is null ? command.Events : [.. command.Events, decoded] };
                continue;
            }

            last[leadId] = (commandId, commands.Count);
            commands.Add(new HistoryCommand(leadId, at, e.Metadata.UserId ?? "", commandId ?? e.EventId.ToString(), decoded is null ? [] : [decoded]));
        }

        return commands;
    }
}
