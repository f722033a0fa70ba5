using Leads.Privacy;

namespace Leads.Testing.Contracts;

/// <summary>What every key store (SQLite, MongoDB, a KMS adapter) must do. Subclasses say how to create one.</summary>
public abstract class LeadKeyStoreContract
{
    private static readonly DateTimeOffset ErasedAt = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    protected abstract ILeadKeyStore CreateStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lead_without_a_key_has_none()
    {
        var lookup = await CreateStore().GetAsync(1410, Ct);

        Assert.Null(lookup.Key);
        Assert.False(lookup.IsErased);
    }

    [Fact]
    public async Task Get_or_create_creates_a_256_bit_key_once()
    {
        var store = CreateStore();

        var first = await store.GetOrCreateAsync(1410, Ct);
        var second = await store.GetOrCreateAsync(1410, Ct);
        var read = await store.GetAsync(1410, Ct);

        Assert.Equal(32, first.Key!.Value.Length);
        Assert.Equal(first.Key.Value.ToArray(), second.Key!.Value.ToArray());
        Assert.Equal(first.Key.Value.ToArray(), read.Key!.Value.ToArray());
    }

    [Fact]
    public async Task Get_or_create_many_creates_the_missing_keys_keeps_the_others_and_answers_in_order()
    {
        var store = CreateStore();
        var existing = await store.GetOrCreateAsync(1411, Ct);
        await store.GetOrCreateAsync(1413, Ct);
        await store.DeleteAsync(new KeyErasure(1413, ErasedAt, "ops-anna", "forgotten"), Ct);

        var many = await store.GetOrCreateManyAsync([1412, 1411, 1413, 1410], Ct);
        var again = await store.GetOrCreateManyAsync([1410, 1412], Ct);

        Assert.Equal([1412L, 1411, 1413, 1410], many.Select(k => k.LeadId));
        Assert.Equal(existing.Key!.Value.ToArray(), many[1].Key!.Value.ToArray());
        Assert.True(many[2].IsErased);
        Assert.Null(many[2].Key);
        Assert.Equal(32, many[0].Key!.Value.Length);
        Assert.NotEqual(many[0].Key!.Value.ToArray(), many[3].Key!.Value.ToArray());
        Assert.Equal(many[3].Key!.Value.ToArray(), again[0].Key!.Value.ToArray());
        Assert.Equal(many[0].Key!.Value.ToArray(), (await store.GetAsync(1412, Ct)).Key!.Value.ToArray());
    }

    [Fact]
    public async Task Each_lead_has_its_own_key()
    {
        var store = CreateStore();

        var a = await store.GetOrCreateAsync(1410, Ct);
        var b = await store.GetOrCreateAsync(1411, Ct);

        Assert.NotEqual(a.Key!.Value.ToArray(), b.Key!.Value.ToArray());
    }

    [Fact]
    public async Task Erasures_are_listed_by_lead_id_a_page_at_a_time_and_live_keys_are_not()
    {
        var store = CreateStore();
        foreach (var leadId in new long[] { 1412, 1410, 1411, 1413 })
        {
            await store.GetOrCreateAsync(leadId, Ct);
        }

        await store.DeleteAsync(new KeyErasure(1413, ErasedAt, "ops-anna", "third"), Ct);
        await store.DeleteAsync(new KeyErasure(1410, ErasedAt, "ops-anna", "first"), Ct);
        await store.DeleteAsync(new KeyErasure(1412, ErasedAt, "ops-anna", "second"), Ct);

        var firstPage = await store.ListErasuresAsync(0, 2, Ct);
        var secondPage = await store.ListErasuresAsync(firstPage[^1].LeadId, 2, Ct);

        Assert.Equal(
            ["1410 first", "1412 second", "1413 third"],
            firstPage.Concat(secondPage).Select(e => $"{e.LeadId} {e.Reason}"));
    }

    [Fact]
    public async Task Many_leads_are_looked_up_at_once_each_as_alone()
    {
        var store = CreateStore();
        var live = await store.GetOrCreateAsync(1410, Ct);
        await store.GetOrCreateAsync(1411, Ct);
        await store.DeleteAsync(new KeyErasure(1411, ErasedAt, "ops-anna", "customer asked"), Ct);
        var asked = new long[] { 1410, 1411, 1412 }.Concat(Enumerable.Range(5_000, 1_200).Select(i => (long)i)).ToList();

        var many = await store.GetManyAsync(asked, Ct);

        Assert.Equal(asked.Order(), many.Keys.Order());
        Assert.Equal(live.Key!.Value.ToArray(), many[1410].Key!.Value.ToArray());
        Assert.Equal(new KeyErasure(1411, ErasedAt, "ops-anna", "customer asked"), many[1411].Erasure);
        Assert.All(asked.Skip(2), id => Assert.Equal(LeadKeyLookup.None(id), many[id]));
        Assert.Empty(await store.GetManyAsync([], Ct));
    }

    [Fact]
    public async Task A_deleted_key_is_gone_and_its_erasure_is_kept()
    {
        var store = CreateStore();
        await store.GetOrCreateAsync(1410, Ct);

        var receipt = await store.DeleteAsync(new KeyErasure(1410, ErasedAt, "ops-anna", "customer asked"), Ct);
        var lookup = await store.GetAsync(1410, Ct);

        Assert.Equal(new KeyErasure(1410, ErasedAt, "ops-anna", "customer asked"), receipt);
        Assert.Null(lookup.Key);
        Assert.Equal(receipt, lookup.Erasure);
    }

    [Fact]
    public async Task A_deleted_key_never_comes_back()
    {
        var store = CreateStore();
        await store.GetOrCreateAsync(1410, Ct);
        await store.DeleteAsync(new KeyErasure(1410, ErasedAt, "ops-anna", "customer asked"), Ct);

        var again = await store.GetOrCreateAsync(1410, Ct);

        Assert.Null(again.Key);
        Assert.True(again.IsErased);
    }

    [Fact]
    public async Task Deleting_twice_keeps_the_original_erasure()
    {
        var store = CreateStore();
        await store.GetOrCreateAsync(1410, Ct);
        var first = await store.DeleteAsync(new KeyErasure(1410, ErasedAt, "ops-anna", "customer asked"), Ct);

        var second = await store.DeleteAsync(new KeyErasure(1410, ErasedAt.AddHours(1), "ops-ben", "again"), Ct);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_lead_that_never_had_a_key_can_be_erased()
    {
        var store = CreateStore();

        var receipt = await store.DeleteAsync(new KeyErasure(7, ErasedAt, "ops-anna", "legacy lead"), Ct);

        Assert.True((await store.GetOrCreateAsync(7, Ct)).IsErased);
        Assert.Equal("legacy lead", receipt.Reason);
    }

    [Fact]
    public async Task Concurrent_first_uses_agree_on_one_key()
    {
        var store = CreateStore();

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetOrCreateAsync(99, Ct)));

        Assert.Single(keys.Select(k => Convert.ToHexString(k.Key!.Value.Span)).Distinct(StringComparer.Ordinal));
    }
}
