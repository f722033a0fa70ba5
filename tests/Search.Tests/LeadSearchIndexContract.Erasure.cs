using Leads.Domain.Events;

namespace Leads.Search.Tests;

public abstract partial class LeadSearchIndexContract
{
    private static LeadSearchDocument Forgotten1410 =>
        Leads.Fold(1, [.. Leads.Story1410, new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["email"], [])]);

    [Theory]
    [InlineData("stefan@old.example")]
    [InlineData("stefan@new.example")]
    [InlineData("03-27243457")]
    [InlineData("050-8139904")]
    [InlineData("0327")]
    [InlineData("stefan")]
    [InlineData("muller")]
    public async Task A_forgotten_lead_is_found_by_nothing_it_was_ever_known_by(string text)
    {
        await WriteAsync(Lead1410);
        Assert.NotEmpty(await SearchAsync(text));

        await WriteAsync(Forgotten1410);

        Assert.Empty(await SearchAsync(text));
    }

    [Fact]
    public async Task A_forgotten_lead_keeps_its_document_position_so_a_replayed_event_is_skipped()
    {
        await WriteAsync(Forgotten1410);

        await WriteAsync(Lead1410);

        Assert.Empty(await SearchAsync("stefan@new.example"));
    }
}
