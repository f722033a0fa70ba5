namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>Adapters wired to a protocol fake with short retry delays.</summary>
internal static class FakeStores
{
    public static EventStoreDbClientOptions FastRetries { get; } = new()
    {
        RetryAttempts = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        SubscriptionRetryAttempts = 4,
    };

    public static EventStoreDbEventStore Connect(ProtocolFakeServer server, EventStoreDbClientOptions? options = null) =>
        EventStoreDbEventStore.Create(server.ConnectionString, options ?? FastRetries);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }
}
