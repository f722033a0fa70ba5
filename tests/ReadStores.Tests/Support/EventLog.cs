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

    public static ILeadEvent[] Story1410 => LeadEvents.Story1410;

    public Task<GlobalPosition> AppendAsync(long leadId, params ILeadEvent[] events) => LeadEvents.AppendAsync(Events, leadId, events);

    /// <summary>Interleaved changes over many leads (names, statuses, contacts), for replays and crash convergence.</summary>
    public Task<GlobalPosition> SeedAsync(int leads, int rounds) => LeadEvents.SeedAsync(Events, leads, rounds);

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        _folder.Dispose();
    }
}
