using System.Text;
using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests.StoreCopy;

/// <summary>
/// A history as real use writes it: streams under one unique prefix whose events are spread through the log among
/// each other's (a fixed seed, so runs compare), each with the metadata our services write.
/// </summary>
internal sealed class InterleavedHistory(string label, int streams, int eventsPerStream)
{
    public string Prefix { get; } = TestEvents.UniquePrefix(label);

    public SubscriptionFilter Filter => SubscriptionFilter.StreamPrefix(Prefix);

    public int Events => streams * eventsPerStream;

    public string Stream(int index) => Prefix + index;

    public async Task WriteAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var random = new Random(1410);
        var next = new int[streams];
        var open = Enumerable.Range(0, streams).ToList();
        while (open.Count > 0)
        {
            var pick = random.Next(open.Count);
            var stream = open[pick];
            var revision = next[stream]++;
            var metadata = new EventMetadata
            {
                CorrelationId = $"corr-{stream}", CausationId = $"cause-{stream}-{revision}", UserId = "agent-7", CommandId = $"cmd-{stream}-{revision}",
                CommandFingerprint = $"fp{revision}",
            };
            var data = new EventData(Guid.NewGuid(), revision == 0 ? "LeadWasInitialized" : "StatusChanged",
                Encoding.UTF8.GetBytes($$"""{"lead":{{stream}},"n":{{revision}},"sealed":"{{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}}"}"""), metadata);
            var expected = revision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact((ulong)revision - 1);
            Assert.IsType<AppendResult.Success>(await store.AppendAsync(Stream(stream), expected, [data], cancellationToken));
            if (next[stream] == eventsPerStream)
            {
                open.RemoveAt(pick);
            }
        }
    }

    /// <summary>The store's events of this history in its global order.</summary>
    public async Task<List<RecordedEvent>> ReadAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await foreach (var recorded in store.ReadAllAsync(null, long.MaxValue, Filter, cancellationToken))
        {
            events.Add(recorded);
        }

        return events;
    }
}
