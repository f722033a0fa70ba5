using System.Text;

namespace Leads.EventStore.ContractTests;

/// <summary>Unique names and small events for tests that share a store with other tests and other writers.</summary>
public static class TestEvents
{
    public static string UniqueStream(string prefix = "contract") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A prefix no other test or writer uses, for subscription filters.</summary>
    public static string UniquePrefix(string label) => $"{label}{Guid.NewGuid():N}-";

    public static EventData New(string type = "ContractTested", string? body = null, EventMetadata? metadata = null) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes(body ?? $$"""{"n":"{{Guid.NewGuid():N}}"}"""), metadata ?? EventMetadata.Empty);

    public static EventData[] Many(int count, string type = "ContractTested") =>
        Enumerable.Range(0, count).Select(i => New(type, $$"""{"i":{{i}}}""")).ToArray();

    public static async Task<List<RecordedEvent>> ReadAsync(
        this IEventStore store, string streamId, ReadDirection direction = ReadDirection.Forwards, StreamPosition? from = null, long maxCount = long.MaxValue)
    {
        var start = from ?? (direction == ReadDirection.Forwards ? StreamPosition.Start : StreamPosition.End);
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(streamId, direction, start, maxCount, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public static async Task<AppendResult.Success> AppendOkAsync(this IEventStore store, string streamId, ExpectedRevision expected, params EventData[] events)
    {
        var result = await store.AppendAsync(streamId, expected, events, TestContext.Current.CancellationToken);
        return Assert.IsType<AppendResult.Success>(result);
    }
}
