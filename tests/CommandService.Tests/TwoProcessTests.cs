using Leads.Testing;
namespace Leads.CommandService.Tests;

/// <summary>Two service processes on one data directory: their writers race through the store, not an in-process lock.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task Writers_in_two_processes_racing_on_one_lead_all_land_in_one_gapless_order()
    {
        var token = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        await using var first = await CommandServiceProcess.StartAsync(data.Path, token);
        await using var second = await CommandServiceProcess.StartAsync(data.Path, token);
        await first.Client.InitializeAsync(1);

        var replies = await Task.WhenAll(Enumerable.Range(0, 24)
            .Select(i => (i % 2 == 0 ? first : second).Client.RenameAsync(1, $"Writer {i}")));

        Assert.Equal(Enumerable.Range(4, 24).Select(r => (ulong)r), replies.Select(r => r.Revision).Order());
        await using var store = new StoreInspector(first.StorePath);
        Assert.Equal(28, (await store.ReadStreamAsync(Domain.LeadStream.Name(1))).Count);
    }
}
