using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.Benchmarks;

/// <summary>
/// Writes a realistic history straight into the embedded store: every lead initialized, then renamed, re-contacted
/// and moved through statuses, ten events a lead; plus one lead with a long stream for time travel.
/// </summary>
internal static class SeedEvents
{
    public const int EventsPerLead = 10;
    public const long LongLeadId = 9_000_000;

    public static async Task<long> WriteAsync(string eventsPath, int leads, int longStreamEvents, CancellationToken ct)
    {
        await using var store = new SqliteEventStore(eventsPath);
        long written = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(1, leads),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
            async (id, token) =>
            {
                var events = History(id).Select(ToData).ToList();
                await store.AppendAsync(LeadStream.Name(id), ExpectedRevision.NoStream, events, token);
                Interlocked.Add(ref written, events.Count);
            });

        var longStream = new List<ILeadEvent> { new LeadWasInitialized(LongLeadId), new StatusChanged(LongLeadId, LeadStatus.Available) };
        for (var i = longStream.Count; i < longStreamEvents; i++)
        {
            longStream.Add(new NameChanged(LongLeadId, $"Long Stream {i}"));
        }

        foreach (var chunk in longStream.Chunk(200))
        {
            await store.AppendAsync(LeadStream.Name(LongLeadId), ExpectedRevision.Any, chunk.Select(ToData).ToList(), ct);
        }

        return written + longStream.Count;
    }

    public static string Email(long id, int version) => $"lead{id}.v{version}@bench.example";

    public static string Phone(long id, int version) => $"0{version}-{id:D8}";

    public static string Name(long id) => $"{Names[id % Names.Length]} Bench{id}";

    private static readonly string[] Names = ["Stefan Müller", "Ann Lee", "José García", "Chloé Martin", "Ravi Kumar", "Mia Wong"];

    private static IEnumerable<ILeadEvent> History(long id)
    {
        yield return new LeadWasInitialized(id);
        yield return new NameChanged(id, Name(id) + " Old");
        yield return new ContactInfoChanged(id, Email(id, 1), Phone(id, 1), PhoneNumberDigits(Phone(id, 1)));
        yield return new StatusChanged(id, LeadStatus.Available);
        yield return new StatusChanged(id, LeadStatus.FollowUp);
        yield return new FollowupSet(id, new DateOnly(2026, 12, 1 + (int)(id % 28)));
        yield return new ContactInfoChanged(id, Email(id, 2), Phone(id, 2), PhoneNumberDigits(Phone(id, 2)));
        yield return new NameChanged(id, Name(id));
        yield return new StatusChanged(id, id % 3 == 0 ? LeadStatus.Converted : LeadStatus.Available);
        yield return new ContactInfoChanged(id, Email(id, 3), Phone(id, 3), PhoneNumberDigits(Phone(id, 3)));
    }

    private static string PhoneNumberDigits(string phone) => Leads.Domain.Values.PhoneNumber.DigitsOf(phone);

    private static EventData ToData(ILeadEvent e) =>
        new(Guid.CreateVersion7(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), EventMetadata.Empty);
}
