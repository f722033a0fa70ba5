using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Benchmarks;

/// <summary>
/// Writes a realistic history through the event store port: every lead initialized, then renamed, re-contacted and moved
/// through statuses, ten events a lead; plus one lead with a long stream for time travel at the end. In
/// <see cref="SeedOrder.Interleaved"/> order (the default) leads' events are spread through the log as in real use,
/// one append per event, in the order of <see cref="InterleavedSchedule"/>; <see cref="SeedOrder.Contiguous"/> appends
/// each lead's ten events at once.
/// </summary>
internal static class SeedEvents
{
    public const int EventsPerLead = 10;
    public const long LongLeadId = 9_000_000;

    /// <summary>Appends the history and returns what was written, with each event's position in log order.</summary>
    /// <param name="firstLeadId">Leads are <c>firstLeadId .. firstLeadId + leads - 1</c> (a shared node gets fresh ids per run).</param>
    /// <param name="inFlight">Appends sent before the oldest is awaited (two events of one lead are never in flight together).</param>
    /// <param name="history">
    /// Interleaved order only: the log spans this much business time up to now (each event's <see cref="EventMetadata.OccurredAt"/>
    /// grows evenly with its place in the log), for figures over a long history; none when null.
    /// </param>
    public static async Task<SeededLog> WriteAsync(
        IEventStore store, int leads, int longStreamEvents, SeedOrder order, CancellationToken ct, long firstLeadId = 1, long longLeadId = LongLeadId, int inFlight = 256,
        TimeSpan? history = null)
    {
        var appends = new List<(GlobalPosition Position, int Events)>(leads * EventsPerLead + longStreamEvents);
        var pending = new Queue<(long Lead, int Events, Task<AppendResult> Append)>();
        var leadsInFlight = new Dictionary<long, int>();

        async Task CompleteOldestAsync()
        {
            var (lead, count, append) = pending.Dequeue();
            var result = await append.ConfigureAwait(false);
            appends.Add((result is AppendResult.Success s ? s.Position : throw new InvalidOperationException($"seeding lead {lead} failed: {result}"), count));
            if (--leadsInFlight[lead] == 0)
            {
                leadsInFlight.Remove(lead);
            }
        }

        async Task SendAsync(long lead, ExpectedRevision expected, IReadOnlyList<EventData> events)
        {
            while (pending.Count >= inFlight || leadsInFlight.ContainsKey(lead))
            {
                await CompleteOldestAsync().ConfigureAwait(false);
            }

            pending.Enqueue((lead, events.Count, store.AppendAsync(LeadStream.Name(lead), expected, events, ct)));
            leadsInFlight[lead] = leadsInFlight.GetValueOrDefault(lead) + 1;
        }

        if (order == SeedOrder.Interleaved)
        {
            var start = DateTimeOffset.UtcNow - (history ?? TimeSpan.Zero);
            var step = (history ?? TimeSpan.Zero) / Math.Max(1L, (long)leads * EventsPerLead);
            var sent = 0L;
            foreach (var (lead, index) in InterleavedSchedule.Order(leads, EventsPerLead))
            {
                var id = firstLeadId + lead;
                var expected = index == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact((ulong)index - 1);
                var metadata = history is null ? EventMetadata.Empty : new EventMetadata { OccurredAt = start + (step * sent++) };
                await SendAsync(id, expected, [ToData(Event(id, index), metadata)]).ConfigureAwait(false);
            }
        }
        else
        {
            for (var id = firstLeadId; id < firstLeadId + leads; id++)
            {
                var lead = id;
                await SendAsync(id, ExpectedRevision.NoStream, Enumerable.Range(0, EventsPerLead).Select(i => ToData(Event(lead, i))).ToList()).ConfigureAwait(false);
            }
        }

        var longStream = new List<ILeadEvent> { new LeadWasInitialized(longLeadId), new StatusChanged(longLeadId, LeadStatus.Available) };
        for (var i = longStream.Count; i < longStreamEvents; i++)
        {
            longStream.Add(new NameChanged(longLeadId, $"Long Stream {i}"));
        }

        foreach (var chunk in longStream.Chunk(200))
        {
            await SendAsync(longLeadId, ExpectedRevision.Any, chunk.Select(e => ToData(e)).ToList()).ConfigureAwait(false);
        }

        while (pending.Count > 0)
        {
            await CompleteOldestAsync().ConfigureAwait(false);
        }

        var events = (long)leads * EventsPerLead + longStream.Count;
        return new SeededLog(events, appends);
    }

    public static string Email(long id, int version) => $"lead{id}.v{version}@bench.example";

    public static string Phone(long id, int version) => $"0{version}-{id:D8}";

    public static string Name(long id) => $"{Names[id % Names.Length]} Bench{id}";

    private static readonly string[] Names = ["Stefan Müller", "Ann Lee", "José García", "Chloé Martin", "Ravi Kumar", "Mia Wong"];

    /// <summary>The <paramref name="index"/>th event (0..9) of a lead's history.</summary>
    private static ILeadEvent Event(long id, int index) => index switch
    {
        0 => new LeadWasInitialized(id),
        1 => new NameChanged(id, Name(id) + " Old"),
        2 => Contact(id, 1),
        3 => new StatusChanged(id, LeadStatus.Available),
        4 => new StatusChanged(id, LeadStatus.FollowUp),
        5 => new FollowupSet(id, new DateOnly(2026, 12, 1 + (int)(id % 28))),
        6 => Contact(id, 2),
        7 => new NameChanged(id, Name(id)),
        8 => new StatusChanged(id, id % 3 == 0 ? LeadStatus.Converted : LeadStatus.Available),
        9 => Contact(id, 3),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "a lead's history has ten events"),
    };

    private static ContactInfoChanged Contact(long id, int version) =>
        new(id, Email(id, version), Phone(id, version), Leads.Domain.Values.PhoneNumber.DigitsOf(Phone(id, version)));

    private static EventData ToData(ILeadEvent e, EventMetadata? metadata = null) =>
        new(Guid.CreateVersion7(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), metadata ?? EventMetadata.Empty);
}
