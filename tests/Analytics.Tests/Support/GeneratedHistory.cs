using CsCheck;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Testing;
using Leads.Testing.Analytics;

namespace Analytics.Tests.Support;

/// <summary>
/// Random lead histories: leads created over a few months, each then changing status (any status, the same one again,
/// Closed back to Available), setting follow-ups (while in Follow-up; some pass their date), renamed, sometimes forgotten;
/// all the leads' commands interleaved in time order. Times are whole seconds (PostgreSQL keeps microseconds).
/// </summary>
public static class GeneratedHistory
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Callers = ["alice", "bob", "carol"];

    private sealed record Step(int Kind, int GapSeconds, int Status, int FollowupOffsetDays, int Caller);

    private static readonly Gen<Step> Steps = Gen.Select(
        Gen.Int[0, 9],
        Gen.OneOf(Gen.Int[0, 3_600], Gen.Int[0, 86_400 * 20], Gen.Const(0)),
        Gen.Int[1, 4],
        Gen.Int[-3, 12],
        Gen.Int[0, Callers.Length - 1],
        (kind, gap, status, offset, caller) => new Step(kind, gap, status, offset, caller));

    private static readonly Gen<(int StartSeconds, Step[] Steps)> Leads =
        Gen.Select(Gen.Int[0, 86_400 * 120], Steps.Array[0, 10]);

    public static Gen<IReadOnlyList<HistoryCommand>> Histories { get; } = Of(1, 25);

    /// <summary>Histories of between <paramref name="minLeads"/> and <paramref name="maxLeads"/> leads.</summary>
    public static Gen<IReadOnlyList<HistoryCommand>> Of(int minLeads, int maxLeads) =>
        Leads.Array[minLeads, maxLeads].Select(leads => (IReadOnlyList<HistoryCommand>)[.. leads.SelectMany((lead, i) => Build(9_000_000 + i, lead.StartSeconds, lead.Steps))
            .OrderBy(c => c.At).ThenBy(c => c.LeadId)]);

    /// <summary>
    /// Appends the commands in order, each command's events in one append. Every other command carries its time as the
    /// recorded time; the rest as a backfill does, as the business time (<see cref="EventMetadata.OccurredAt"/>) while the
    /// store records now: the projection must date both kinds by the command's time, as the naive fold does.
    /// </summary>
    public static async Task AppendAsync(IEventStore store, IReadOnlyList<HistoryCommand> commands, CancellationToken cancellationToken)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var metadata = i % 2 == 0
                ? new EventMetadata { UserId = command.Caller, CommandId = command.CommandId, RecordedAt = command.At }
                : new EventMetadata { UserId = command.Caller, CommandId = command.CommandId, OccurredAt = command.At };
            var result = await store.AppendAsync(LeadStream.Name(command.LeadId), ExpectedRevision.Any, [.. command.Events.Select(e => LeadEvents.Data(e, metadata))], cancellationToken);
            Assert.IsType<AppendResult.Success>(result);
        }
    }

    private static IEnumerable<HistoryCommand> Build(long leadId, int startSeconds, Step[] steps)
    {
        var at = Epoch.AddSeconds(startSeconds);
        var n = 0;
        HistoryCommand Command(string caller, params ILeadEvent[] events) => new(leadId, at, caller, $"{leadId}-{n++}", events);

        yield return Command(Callers[0], new LeadWasInitialized(leadId), new NameChanged(leadId, "Someone"),
            new ContactInfoChanged(leadId, "someone@example.com", "050-1234567", "0501234567"), new StatusChanged(leadId, LeadStatus.Available));
        var status = LeadStatus.Available;
        foreach (var step in steps)
        {
            at = at.AddSeconds(step.GapSeconds);
            var caller = Callers[step.Caller];
            switch (step.Kind)
            {
                case <= 4:
                    status = (LeadStatus)step.Status;
                    yield return Command(caller, new StatusChanged(leadId, status));
                    break;
                case <= 6 when status == LeadStatus.FollowUp:
                    yield return Command(caller, new FollowupSet(leadId, DateOnly.FromDateTime(at.UtcDateTime).AddDays(step.FollowupOffsetDays)));
                    break;
                case <= 6:
                    status = LeadStatus.FollowUp;
                    yield return Command(caller, new StatusChanged(leadId, status), new FollowupSet(leadId, DateOnly.FromDateTime(at.UtcDateTime).AddDays(step.FollowupOffsetDays)));
                    break;
                case 7:
                    yield return Command(caller, new NameChanged(leadId, "Someone Else"));
                    break;
                case 8:
                    yield return Command(caller, new ContactInfoChanged(leadId, "else@example.com", "050-7654321", "0507654321"));
                    break;
                default:
                    yield return Command(caller, new LeadForgotten(leadId, "asked", at, caller, ["name"], []));
                    yield break;
            }
        }
    }
}
