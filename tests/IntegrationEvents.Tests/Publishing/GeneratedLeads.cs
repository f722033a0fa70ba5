using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace IntegrationEvents.Tests.Publishing;

/// <summary>Many leads with ten events each (half of them convert), written round by round so leads interleave.</summary>
public sealed class GeneratedLeads(long firstLeadId, int leads)
{
    public const int EventsPerLead = 10;

    public int Conversions => Enumerable.Range(0, leads).Count(i => Converts(firstLeadId + i));

    /// <summary>One message per event, plus LeadConverted per conversion and LeadFollowupCleared per lead (its last status change leaves Follow-up with a follow-up set).</summary>
    public int Messages => (leads * EventsPerLead) + Conversions + leads;

    public static ILeadEvent Event(long leadId, int round) => round switch
    {
        0 => new LeadWasInitialized(leadId),
        1 => new NameChanged(leadId, $"Lead {leadId}"),
        2 => new ContactInfoChanged(leadId, $"a{leadId}@old.example", $"050-{leadId}", $"050{leadId}"),
        3 => new StatusChanged(leadId, LeadStatus.Available),
        4 => new StatusChanged(leadId, LeadStatus.FollowUp),
        5 => new FollowupSet(leadId, new DateOnly(2030, 1, 1).AddDays((int)(leadId % 300))),
        6 => new ContactInfoChanged(leadId, $"b{leadId}@new.example", $"052-{leadId}", $"052{leadId}"),
        7 => new FollowupSet(leadId, new DateOnly(2030, 2, 1)),
        8 => new NameChanged(leadId, $"Lead {leadId} B"),
        9 => new StatusChanged(leadId, Converts(leadId) ? LeadStatus.Converted : LeadStatus.Closed),
        _ => throw new ArgumentOutOfRangeException(nameof(round)),
    };

    /// <summary>Appends rounds [<paramref name="from"/>, <paramref name="to"/>) of every lead; the last position written.</summary>
    public async Task<GlobalPosition> WriteRoundsAsync(Support.LeadEventWriter writer, int from, int to, CancellationToken cancellationToken)
    {
        var last = GlobalPosition.Start;
        for (var round = from; round < to; round++)
        {
            var appended = await Task.WhenAll(Enumerable.Range(0, leads).Select(i => writer.AppendAsync(Event(firstLeadId + i, round), cancellationToken)));
            last = appended.Max();
        }

        return last;
    }

    private static bool Converts(long leadId) => leadId % 2 == 0;
}
