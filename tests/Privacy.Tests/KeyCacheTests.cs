using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy.Sqlite;
using Leads.Testing.Privacy;

namespace Leads.Privacy.Tests;

/// <summary>
/// The codec's key cache at its bound, and the batch prefetch: keys read at once for a batch of events are then found
/// in memory; a full cache drops the least recently used keys, not all of them.
/// </summary>
public sealed class KeyCacheTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lead-key-cache-").FullName;
    private readonly SqliteLeadKeyStore _keys;
    private readonly CountingKeyStore _counting;

    public KeyCacheTests()
    {
        _keys = new SqliteLeadKeyStore(SqliteLeadKeyStore.FileIn(_directory));
        _counting = new CountingKeyStore(_keys);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<RecordedEvent> SealedNameAsync(long leadId)
    {
        var e = new NameChanged(leadId, $"Lead {leadId}");
        var data = await new LeadEventCodec(_keys).SealAsync(e, Ct);
        return new RecordedEvent(LeadStream.Name(leadId), 1, GlobalPosition.FromSequence((ulong)leadId), Guid.NewGuid(),
            LeadEventTypes.Of(e), DateTimeOffset.UtcNow, data, EventMetadata.Empty);
    }

    /// <summary>How many key-store round trips reading the event took.</summary>
    private async Task<int> ReadsToRevealAsync(LeadEventCodec codec, RecordedEvent recorded)
    {
        var before = _counting.SingleReads + _counting.BatchReads;
        var read = (NameChanged?)await codec.ReadAsync(recorded, Ct);
        Assert.Equal($"Lead {read!.LeadId}", read.Name);
        return _counting.SingleReads + _counting.BatchReads - before;
    }

    [Fact]
    public async Task Keys_prefetched_for_a_batch_are_then_read_from_memory()
    {
        var events = new List<RecordedEvent>();
        for (long leadId = 1; leadId <= 600; leadId++)
        {
            events.Add(await SealedNameAsync(leadId));
        }

        var codec = new LeadEventCodec(_counting);
        await codec.PrefetchKeysAsync(events, Ct);
        await codec.PrefetchKeysAsync(events, Ct);

        Assert.Equal(1, _counting.BatchReads);
        foreach (var recorded in events)
        {
            Assert.Equal(0, await ReadsToRevealAsync(codec, recorded));
        }
    }

    [Fact]
    public async Task A_full_cache_drops_the_least_recently_used_keys_and_keeps_the_ones_in_use()
    {
        var events = new Dictionary<long, RecordedEvent>();
        for (long leadId = 1; leadId <= 101; leadId++)
        {
            events[leadId] = await SealedNameAsync(leadId);
        }

        var codec = new LeadEventCodec(_counting, new LeadKeyCacheOptions { MaxEntries = 100 });
        for (long leadId = 1; leadId <= 100; leadId++)
        {
            Assert.Equal(1, await ReadsToRevealAsync(codec, events[leadId]));
        }

        Assert.Equal(0, await ReadsToRevealAsync(codec, events[1]));
        Assert.Equal(1, await ReadsToRevealAsync(codec, events[101]));

        // Full at 100: the 25 least recently used (leads 2 to 26) made room; lead 1, used again, stayed.
        Assert.Equal(0, await ReadsToRevealAsync(codec, events[1]));
        Assert.Equal(0, await ReadsToRevealAsync(codec, events[27]));
        Assert.Equal(0, await ReadsToRevealAsync(codec, events[100]));
        Assert.Equal(1, await ReadsToRevealAsync(codec, events[2]));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
