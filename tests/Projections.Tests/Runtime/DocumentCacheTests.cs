using Leads.Domain.Events;
using Leads.Projections;
using Leads.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>
/// The projector keeps the documents it committed and loads from the store only those it does not hold, and never
/// trusts what it holds once the store may have changed behind it (a reset, a failed commit).
/// </summary>
public sealed class DocumentCacheTests : IAsyncDisposable
{
    private readonly ProjectorRig _rig = new();
    private InterceptingProjectionStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Projector<Leads.Views.LeadReadModel> Start(int cacheSize, bool storeKeepsDocuments = true) =>
        _rig.Start(
            wrapStore: s => _store = new InterceptingProjectionStore(s) { ForgetsDocuments = !storeKeepsDocuments },
            options: ProjectorRig.FastOptions with { DocumentCacheSize = cacheSize });

    private int LoadsOf(long leadId)
    {
        lock (_store.Loads)
        {
            return _store.Loads.Count(l => l.Contains(Leads.Domain.LeadStream.Name(leadId)));
        }
    }

    /// <summary>Lead 1 created, then renamed twice, each change caught up on its own (three batches); its name ends "Third Name".</summary>
    private async Task ChangeLeadOneInThreeBatchesAsync()
    {
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        await _rig.CatchUpAsync();
        foreach (var name in new[] { "Second Name", "Third Name" })
        {
            await LeadEvents.AppendAsync(_rig.Events, 1, [new NameChanged(1, name)]);
            await _rig.CatchUpAsync();
        }
    }

    [Fact]
    public async Task A_lead_changed_again_in_a_later_batch_is_not_loaded_again()
    {
        Start(cacheSize: 100);
        await ChangeLeadOneInThreeBatchesAsync();

        Assert.Equal("Third Name", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
        Assert.Equal(1, LoadsOf(1));
    }

    [Fact]
    public async Task Without_a_cache_each_batch_loads_its_leads()
    {
        Start(cacheSize: 0);
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        await _rig.CatchUpAsync();
        await LeadEvents.AppendAsync(_rig.Events, 1, [new NameChanged(1, "Second Name")]);
        await _rig.CatchUpAsync();

        Assert.Equal("Second Name", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
        Assert.Equal(2, LoadsOf(1));
    }

    [Fact]
    public async Task A_store_that_keeps_no_documents_is_loaded_from_in_every_batch_whatever_the_cache_size()
    {
        // An outbox store (the integration publisher's) returns nothing it committed: what the projector committed must
        // not be carried into the next batch, or its messages would be sent again.
        Start(cacheSize: 100, storeKeepsDocuments: false);
        await ChangeLeadOneInThreeBatchesAsync();

        Assert.Equal("Third Name", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
        Assert.Equal(3, LoadsOf(1));
    }

    [Fact]
    public async Task Beyond_its_capacity_the_least_recently_used_lead_is_loaded_again()
    {
        Start(cacheSize: 2);
        foreach (var leadId in new long[] { 1, 2, 3 })
        {
            await LeadEvents.AppendAsync(_rig.Events, leadId, LeadEvents.Initialized(leadId));
            await _rig.CatchUpAsync();
        }

        await LeadEvents.AppendAsync(_rig.Events, 1, [new NameChanged(1, "Evicted Then Reloaded")]);
        await LeadEvents.AppendAsync(_rig.Events, 3, [new NameChanged(3, "Still Held")]);
        await _rig.CatchUpAsync();

        Assert.Equal(2, LoadsOf(1));
        Assert.Equal(1, LoadsOf(3));
        Assert.Equal("Evicted Then Reloaded", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
    }

    [Fact]
    public async Task After_a_reset_the_documents_are_rebuilt_from_the_store_not_from_memory()
    {
        var projector = Start(cacheSize: 100);
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        await LeadEvents.AppendAsync(_rig.Events, 1, [new NameChanged(1, "Before Reset")]);
        await _rig.CatchUpAsync();

        // The reset empties the views and replays from the start: a document still held in memory at the later
        // position would make the projector skip the replayed events as already applied.
        await projector.ResetAsync(ResetFrom.Start, Ct);
        await _rig.CatchUpAsync();
        var view = await _rig.Views.GetLeadAsync(1, Ct);

        Assert.NotNull(view);
        Assert.Equal("Before Reset", view.Name);
    }

    [Fact]
    public async Task A_failed_commit_drops_what_the_cache_held()
    {
        Start(cacheSize: 100);
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        await _rig.CatchUpAsync();

        // More failures than the store retries: the batch fails, the projector resubscribes and loads the lead again.
        _store.FailNextCommits(ProjectorRig.FastOptions.StoreRetries + 2);
        await LeadEvents.AppendAsync(_rig.Events, 1, [new NameChanged(1, "After Failure")]);
        await _rig.CatchUpAsync();

        Assert.Equal("After Failure", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
        Assert.True(LoadsOf(1) >= 2, $"lead 1 loaded {LoadsOf(1)} times");
    }

    public ValueTask DisposeAsync() => _rig.DisposeAsync();
}
