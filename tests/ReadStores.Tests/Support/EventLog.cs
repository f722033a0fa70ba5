using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.ReadStores.Tests.Support;

/// <summary>A real embedded event store in a folder of its own, with the talk's lead 1410 and generated leads.</summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leads-readstores-").FullName;

    public EventLog() => Events = new SqliteEventStore(Path.Combine(_folder, "events.db"));

    public SqliteEventStore Events { get; }

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

    public async Task<GlobalPosition> AppendAsync(long leadId, params ILeadEvent[] events)
    {
        var data = events.Select(e => new EventData(Guid.NewGuid(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), EventMetadata.Empty)).ToList();
        var result = await Events.AppendAsync(LeadStream.Name(leadId), ExpectedRevision.Any, data, TestContext.Current.CancellationToken);
        return Assert.IsType<AppendResult.Success>(result).Position;
    }

    /// <summary>Interleaved changes over many leads (names, statuses, contacts), for replays and crash convergence.</summary>
    public async Task<GlobalPosition> SeedAsync(int leads, int rounds)
    {
        var head = GlobalPosition.Start;
        for (var id = 1; id <= leads; id++)
        {
            head = await AppendAsync(id, new LeadWasInitialized(id), new NameChanged(id, $"Lead {id}"),
                new ContactInfoChanged(id, $"lead{id}@example.com", $"050-{id:0000000}", $"050{id:0000000}"), new StatusChanged(id, LeadStatus.Available));
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var id = 1; id <= leads; id++)
            {
                ILeadEvent[] change = ((id + round) % 4) switch
                {
                    0 => [new NameChanged(id, $"Lead {id} r{round}")],
                    1 => [new StatusChanged(id, LeadStatus.FollowUp), new FollowupSet(id, new DateOnly(2016, 11, 1 + (round % 28)))],
                    2 => [new StatusChanged(id, LeadStatus.Closed)],
                    _ => [new ContactInfoChanged(id, $"lead{id}.r{round}@example.com", $"03-{round:000}{id:0000}", $"03{round:000}{id:0000}")],
                };
                head = await AppendAsync(id, change);
            }
        }

        return head;
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
