using Leads.Domain.Events;

namespace Leads.Search.Tests;

public abstract partial class LeadSearchIndexContract
{
    [Fact]
    public async Task Current_matches_rank_above_historical_ones_then_by_lead_id()
    {
        var historical = Leads.Fold(1, [.. Leads.Initialized(1, "A", "x@shared.example", "0111111"), new ContactInfoChanged(1, "a@own.example", "0111111", "0111111")]);
        var current3 = Lead(3, "C", "x@shared.example", "0333333", 10);
        var current2 = Lead(2, "B", "x@shared.example", "0222222", 20);
        await WriteAsync(current3, historical, current2);

        var hits = await SearchAsync("x@shared.example");

        Assert.Equal([(2L, false), (3L, false), (1L, true)], hits.Select(h => (h.LeadId, h.Historical)));
    }

    [Fact]
    public async Task A_page_holds_at_most_page_size_hits_the_best_ranked_first()
    {
        var leads = Enumerable.Range(1, 30).Select(i => Lead(100 - i, $"Anna {i}", $"anna{i}@example.com", "0123456", (ulong)(i * 10))).ToArray();
        await WriteAsync(leads);

        var hits = await SearchAsync("anna", pageSize: 7);

        Assert.Equal([70L, 71, 72, 73, 74, 75, 76], hits.Select(h => h.LeadId));
    }

    [Fact]
    public async Task A_page_fills_with_historical_hits_after_the_current_ones()
    {
        var current = Lead(5, "Anna Jones", "a5@example.com", "0123456", 1);
        var renamed = Leads.Fold(10, [.. Leads.Initialized(1, "Anna Smith", "a1@example.com", "0123456"), new NameChanged(1, "Berta Smith")]);
        var other = Lead(2, "Carl", "a2@example.com", "0123456", 20);
        await WriteAsync(current, renamed, other);

        var hits = await SearchAsync("anna", pageSize: 2);

        Assert.Equal([(5L, false), (1L, true)], hits.Select(h => (h.LeadId, h.Historical)));
    }

    [Fact]
    public async Task Each_lead_is_one_hit_even_when_several_of_its_values_match()
    {
        var phones = Leads.Fold(1, [.. Leads.Initialized(1, "A", "a@example.com", "0123456"), new ContactInfoChanged(1, "a@example.com", "0123999", "0123999")]);
        await WriteAsync(phones);

        Assert.Equal((1L, "0123999", false), (await SearchOneAsync("0123")) is var h ? (h.LeadId, h.MatchedValue, h.Historical) : default);
    }
}
