namespace Leads.EventStore.Copy;

/// <summary>
/// <c>--verify</c>: reads both stores' streams (each store's global order once) and compares them stream by stream,
/// by count and digest (<see cref="StreamDigest"/>). Every stream that is missing, extra or different is listed.
/// </summary>
public static class StoreComparison
{
    public static async Task<StoreComparisonResult> CompareAsync(IEventStore source, IEventStore target, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        var sourceStreams = await DigestAsync(source, filter, cancellationToken).ConfigureAwait(false);
        var targetStreams = await DigestAsync(target, filter, cancellationToken).ConfigureAwait(false);
        try
        {
            var differences = new List<StreamDifference>();
            foreach (var (streamId, expected) in sourceStreams)
            {
                if (!targetStreams.TryGetValue(streamId, out var actual))
                {
                    differences.Add(new StreamDifference(streamId, $"missing on the target ({expected.Count} events on the source)"));
                }
                else if (actual.Count != expected.Count)
                {
                    differences.Add(new StreamDifference(streamId, $"{expected.Count} events on the source, {actual.Count} on the target"));
                }
                else if (actual.Hash() != expected.Hash())
                {
                    differences.Add(new StreamDifference(streamId, $"same {expected.Count} events counted, different contents (ids, types, data, metadata or times)"));
                }
            }

            differences.AddRange(targetStreams.Keys.Where(s => !sourceStreams.ContainsKey(s))
                .Select(s => new StreamDifference(s, $"on the target only ({targetStreams[s].Count} events)")));
            return new StoreComparisonResult(
                sourceStreams.Count, sourceStreams.Values.Sum(d => d.Count), targetStreams.Count, targetStreams.Values.Sum(d => d.Count),
                [.. differences.OrderBy(d => d.StreamId, StringComparer.Ordinal)]);
        }
        finally
        {
            foreach (var digest in sourceStreams.Values.Concat(targetStreams.Values))
            {
                digest.Dispose();
            }
        }
    }

    private static async Task<Dictionary<string, StreamDigest>> DigestAsync(IEventStore store, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<string, StreamDigest>(StringComparer.Ordinal);
        await foreach (var recorded in store.ReadAllAsync(null, long.MaxValue, filter, cancellationToken).ConfigureAwait(false))
        {
            if (!streams.TryGetValue(recorded.StreamId, out var digest))
            {
                streams[recorded.StreamId] = digest = new StreamDigest();
            }

            digest.Add(recorded);
        }

        return streams;
    }
}
