using System.Text;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Testing;

/// <summary>
/// Lead event logs for tests: events appended the way the command service stores them (and, for poison tests, corrupt
/// ones), one lead at a time, many leads concurrently, or a deterministic mix spread through the log.
/// </summary>
public static class LeadEvents
{
    /// <summary>The talk's lead 1410: old contact, Follow-up on 2016-11-23, new contact, Converted.</summary>
    public static ILeadEvent[] Story1410 { get; } =
    [
        new LeadWasInitialized(1410),
        new NameChanged(1410, "Stefan Müller"),
        new StatusChanged(1410, LeadStatus.Available),
        new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(1410, LeadStatus.FollowUp),
        new FollowupSet(1410, new DateOnly(2016, 11, 23)),
        new ContactInfoChanged(1410, "stefan@new.example", "050-8139904", "0508139904"),
        new StatusChanged(1410, LeadStatus.Converted),
    ];

    public static EventData Data(ILeadEvent e, EventMetadata? metadata = null) =>
        new(Guid.NewGuid(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), metadata ?? EventMetadata.Empty);

    /// <summary>A NameChanged whose data no longer deserializes.</summary>
    public static EventData Corrupt() =>
        new(Guid.NewGuid(), LeadEventTypes.NameChanged, Encoding.UTF8.GetBytes("{\"leadId\": \"not a number\""), EventMetadata.Empty);

    public static async Task<GlobalPosition> AppendAsync(IEventStore store, long leadId, params ILeadEvent[] events) =>
        await AppendDataAsync(store, leadId, [.. events.Select(e => Data(e))]);

    public static async Task<GlobalPosition> AppendDataAsync(IEventStore store, long leadId, params EventData[] events)
    {
        var result = await store.AppendAsync(LeadStream.Name(leadId), ExpectedRevision.Any, events, TestContext.Current.CancellationToken);
        return Assert.IsType<AppendResult.Success>(result).Position;
    }

    /// <summary>Appends each lead's events in one append, leads concurrently (the store group-commits); returns the head.</summary>
    public static async Task<GlobalPosition> AppendByLeadAsync(IEventStore store, IEnumerable<ILeadEvent> events, CancellationToken cancellationToken)
    {
        var positions = new System.Collections.Concurrent.ConcurrentBag<GlobalPosition>();
        await Parallel.ForEachAsync(
            events.GroupBy(e => e.LeadId),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (lead, ct) =>
            {
                var result = await store.AppendAsync(LeadStream.Name(lead.Key), ExpectedRevision.Any, [.. lead.Select(e => Data(e))], ct);
                positions.Add(Assert.IsType<AppendResult.Success>(result).Position);
            });
        return positions.Max();
    }

    public static ILeadEvent[] Initialized(long leadId, string name = "Stefan", string email = "stefan@old.example", string phone = "03-27243457") =>
    [
        new LeadWasInitialized(leadId),
        new NameChanged(leadId, name),
        new ContactInfoChanged(leadId, email, phone, Leads.Domain.Values.PhoneNumber.DigitsOf(phone)),
        new StatusChanged(leadId, LeadStatus.Available),
    ];

    /// <summary>A deterministic mix of leads and changes, interleaved across leads, for replay comparisons.</summary>
    public static async Task<GlobalPosition> SeedAsync(IEventStore store, int leads, int rounds, int firstLeadId = 1)
    {
        var head = GlobalPosition.Start;
        for (var id = firstLeadId; id < firstLeadId + leads; id++)
        {
            head = await AppendAsync(store, id, Initialized(id, $"Lead {id}", $"lead{id}@example.com", $"050-{id:0000000}"));
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var id = firstLeadId; id < firstLeadId + leads; id++)
            {
                head = await AppendAsync(store, id, Change(id, round));
            }
        }

        return head;
    }

    /// <summary>
    /// Appends round <paramref name="round"/> for every lead, 1 to <paramref name="leads"/> (round 0 initializes them), so
    /// each lead's events spread through the log among the others'; returns the last position.
    /// </summary>
    public static async Task<GlobalPosition> AppendRoundAsync(IEventStore store, int leads, int round, CancellationToken cancellationToken)
    {
        var head = GlobalPosition.Start;
        for (var id = 1; id <= leads; id++)
        {
            var events = round == 0 ? Initialized(id, $"Lead {id}", $"lead{id}@example.com", $"050-{id:0000000}") : Change(id, round);
            var result = await store.AppendAsync(LeadStream.Name(id), ExpectedRevision.Any, [.. events.Select(e => Data(e))], cancellationToken);
            head = Assert.IsType<AppendResult.Success>(result).Position;
        }

        return head;
    }

    /// <summary>The change a lead gets in a round: a rename, a follow-up, a close or reopen, or new contact info.</summary>
    private static ILeadEvent[] Change(long id, int round) => ((id + round) % 4) switch
    {
        0 => [new NameChanged(id, $"Lead {id} r{round}")],
        1 => [new StatusChanged(id, LeadStatus.FollowUp), new FollowupSet(id, new DateOnly(2016, 11, 1 + (round % 28)))],
        2 => [new StatusChanged(id, round % 2 == 0 ? LeadStatus.Closed : LeadStatus.Available)],
        _ => [new ContactInfoChanged(id, $"lead{id}.r{round}@example.com", $"03-{round:000}{id:0000}", $"03{round:000}{id:0000}")],
    };
}
