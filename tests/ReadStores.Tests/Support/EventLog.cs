using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.ReadStores.Tests.Support;

/// <summary>A real embedded event store in a folder of its own, with the talk's lead 1410 and generated leads.</summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("leads-readstores-");

    public EventLog() => Events = new SqliteEventStore(_folder.File("events.db"));

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

    public Task<GlobalPosition> AppendAsync(long leadId, params ILeadEvent[] events) => LeadEvents.AppendAsync(Events, leadId, events);

    /// <summary>Interleaved changes over many leads (names, statuses, contacts), for replays and crash convergence.</summary>
    public Task<GlobalPosition> SeedAsync(int leads, int rounds) => LeadEvents.SeedAsync(Events, leads, rounds);

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        _folder.Dispose();
    }
}
