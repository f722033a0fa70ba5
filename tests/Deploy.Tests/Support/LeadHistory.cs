using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Deploy.Tests.Support;

/// <summary>Lead events appended as the command service stores them, in a deterministic mix across leads.</summary>
public static class LeadHistory
{
    public static EventData Data(ILeadEvent e) =>
        new(Guid.NewGuid(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), EventMetadata.Empty);

    /// <summary>Appends round <paramref name="round"/> for every lead (round 0 initializes them); returns the last position.</summary>
    public static async Task<GlobalPosition> AppendRoundAsync(IEventStore store, int leads, int round, CancellationToken cancellationToken)
    {
        var head = GlobalPosition.Start;
        for (var id = 1; id <= leads; id++)
        {
            ILeadEvent[] events = round == 0
                ?
                [
                    new LeadWasInitialized(id),
                    new NameChanged(id, $"Lead {id}"),
                    new ContactInfoChanged(id, $"lead{id}@example.com", $"050-{id:0000000}", $"050{id:0000000}"),
                    new StatusChanged(id, LeadStatus.Available),
                ]
                : ((id + round) % 4) switch
                {
                    0 => [new NameChanged(id, $"Lead {id} r{round}")],
                    1 => [new StatusChanged(id, LeadStatus.FollowUp), new FollowupSet(id, new DateOnly(2016, 11, 1 + (round % 28)))],
                    2 => [new StatusChanged(id, round % 2 == 0 ? LeadStatus.Closed : LeadStatus.Available)],
                    _ => [new ContactInfoChanged(id, $"lead{id}.r{round}@example.com", $"03-{round:000}{id:0000}", $"03{round:000}{id:0000}")],
                };
            var result = await store.AppendAsync(LeadStream.Name(id), ExpectedRevision.Any, [.. events.Select(Data)], cancellationToken);
            head = Assert.IsType<AppendResult.Success>(result).Position;
        }

        return head;
    }
}
