using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;
using Leads.Privacy.Sqlite;
using Leads.Testing;
using Leads.Testing.Privacy;
using Leads.Views;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>
/// The view projector reads the keys of a whole batch of sealed events in one key-store round trip (an interleaved log
/// touches a different lead at almost every event), and when that batch lookup fails it still projects everything,
/// asking for each key alone.
/// </summary>
public sealed class KeyPrefetchTests : IAsyncDisposable
{
    private const int Leads = 300;

    private readonly ProjectorRig _rig = new();
    private readonly SqliteLeadKeyStore _keys;

    public KeyPrefetchTests()
    {
        _keys = new SqliteLeadKeyStore(_rig.Directory.File("keys.db"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each lead initialized, then renamed in a second round: every lead's events far apart in the log.</summary>
    private async Task AppendInterleavedAsync()
    {
        var writer = new LeadEventCodec(_keys);
        for (var round = 0; round < 2; round++)
        {
            for (long leadId = 1; leadId <= Leads; leadId++)
            {
                ILeadEvent[] events = round == 0 ? LeadEvents.Initialized(leadId) : [new NameChanged(leadId, $"Renamed {leadId}")];
                var data = new List<EventData>();
                foreach (var e in events)
                {
                    data.Add(new EventData(Guid.NewGuid(), LeadEventTypes.Of(e), await writer.SealAsync(e, Ct), EventMetadata.Empty));
                }

                await LeadEvents.AppendDataAsync(_rig.Events, leadId, [.. data]);
            }
        }
    }

    private async Task AssertEveryLeadProjectedAsync()
    {
        for (long leadId = 1; leadId <= Leads; leadId++)
        {
            var view = await _rig.Views.GetLeadAsync(leadId, Ct);
            Assert.Equal(($"Renamed {leadId}", "stefan@old.example"), (view!.Name, view.Email));
        }
    }

    [Fact]
    public async Task A_batch_of_sealed_events_reads_its_keys_at_once_not_one_by_one()
    {
        await AppendInterleavedAsync();
        var counting = new CountingKeyStore(_keys);

        _rig.Start(projection: LeadReadModelProjection.For(new LeadEventCodec(counting)));
        await _rig.CatchUpAsync();

        await AssertEveryLeadProjectedAsync();
        Assert.Equal(0, counting.SingleReads);
        Assert.InRange(counting.BatchReads, 1, Leads / 10);
    }

    [Fact]
    public async Task When_the_batch_lookup_fails_every_event_is_still_projected_with_its_own_key()
    {
        await AppendInterleavedAsync();
        var counting = new CountingKeyStore(_keys) { FailBatches = true };

        _rig.Start(projection: LeadReadModelProjection.For(new LeadEventCodec(counting)));
        await _rig.CatchUpAsync();

        await AssertEveryLeadProjectedAsync();
        Assert.True(counting.BatchReads > 0);
        Assert.InRange(counting.SingleReads, Leads, 2 * Leads);
        Assert.Empty(await _rig.Views.ListParkedAsync(null, Ct));
    }

    public ValueTask DisposeAsync() => _rig.DisposeAsync();
}
