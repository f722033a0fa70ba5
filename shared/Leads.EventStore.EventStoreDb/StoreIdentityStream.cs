namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// A node's (or cluster's) identity as a store of ours: the id of the first event of the stream
/// <c>leads-store-identity</c>, written once by the first client that asks (expected revision: no stream); a client that
/// loses that race reads the winner's. The stream is not a lead stream, so <c>leads store copy</c> never carries it to
/// another store, and no projection subscribes to it.
/// </summary>
internal static class StoreIdentityStream
{
    public const string Name = "leads-store-identity";

    public static async Task<string> ReadOrCreateAsync(IEventStore store, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await foreach (var first in store.ReadStreamAsync(Name, ReadDirection.Forwards, StreamPosition.Start, 1, cancellationToken).ConfigureAwait(false))
            {
                return first.EventId.ToString("N");
            }

            var identified = new EventData(Guid.NewGuid(), "StoreIdentified", "{}"u8.ToArray(), EventMetadata.Empty);
            if (await store.AppendAsync(Name, ExpectedRevision.NoStream, [identified], cancellationToken).ConfigureAwait(false) is AppendResult.Success)
            {
                return identified.EventId.ToString("N");
            }
        }

        throw new InvalidOperationException($"the stream {Name} exists but could not be read");
    }
}
