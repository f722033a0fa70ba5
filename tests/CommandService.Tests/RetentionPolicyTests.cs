using Leads.CommandService.ForgetLead;
using Leads.CommandService.Handling;
using Leads.CommandService.Retention;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore.Sqlite;
using Leads.Privacy;
using Leads.Privacy.Sqlite;
using Leads.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.CommandService.Tests;

/// <summary>
/// <c>Privacy:ForgetClosedAfterDays</c> with a clock the test moves: leads Closed for longer are forgotten with the reason
/// "retention policy", once, a batch at a time, also by a fresh policy after a restart; leads reopened, never Closed,
/// or Closed too recently are kept; off by default. (The store records events at the real time, so the clock starts
/// now and only moves forward.)
/// </summary>
public sealed class RetentionPolicyTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private SqliteEventStore _store = null!;
    private LeadEventCodec _codec = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _store = new SqliteEventStore(Path.Combine(_data.Path, "events.db"));
        _codec = new LeadEventCodec(new SqliteLeadKeyStore(SqliteLeadKeyStore.FileIn(_data.Path)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Leads_closed_for_longer_than_the_policy_are_forgotten_with_its_reason_and_only_they()
    {
        await ClosedLeadAsync(1);
        await LeadAsync(2, LeadStatus.Closed, LeadStatus.Available);
        await LeadAsync(3, LeadStatus.FollowUp);
        var policy = Policy(days: 30);
        _clock.Advance(TimeSpan.FromDays(29));
        var early = await policy.RunOnceAsync(Token);
        _clock.Advance(TimeSpan.FromDays(2));

        var forgotten = await policy.RunOnceAsync(Token);

        Assert.Equal((0, 1), (early, forgotten));
        var leadsForgotten = await ForgottenAsync(1, 2, 3);
        Assert.Equal([1L], leadsForgotten);
        var receipt = await Eraser().FindAsync(1, Token);
        Assert.Equal((RetentionOptions.Reason, RetentionOptions.Caller), (receipt!.Event.Reason, receipt.Event.ErasedBy));
    }

    [Fact]
    public async Task A_second_run_and_a_fresh_policy_after_a_restart_forget_nothing_twice()
    {
        await ClosedLeadAsync(1);
        await ClosedLeadAsync(2);
        _clock.Advance(TimeSpan.FromDays(31));
        var first = await Policy(days: 30).RunOnceAsync(Token);
        var position = await _store.ReadHeadPositionAsync(Token);

        var again = await Policy(days: 30).RunOnceAsync(Token);

        Assert.Equal((2, 0), (first, again));
        Assert.Equal(position, await _store.ReadHeadPositionAsync(Token));
    }

    [Fact]
    public async Task Due_leads_are_forgotten_in_batches_of_the_configured_size_and_the_dry_run_lists_them_oldest_first()
    {
        foreach (var leadId in new long[] { 5, 3, 1, 4, 2 })
        {
            await ClosedLeadAsync(leadId);
        }

        _clock.Advance(TimeSpan.FromDays(31));
        var policy = Policy(days: 30, batchSize: 2);
        var planned = await policy.DueAsync(Token);

        var forgotten = await policy.RunOnceAsync(Token);

        Assert.Equal([5L, 3, 1, 4, 2], planned.Select(p => p.LeadId));
        Assert.Equal(5, forgotten);
        Assert.Empty(await policy.DueAsync(Token));
    }

    [Fact]
    public async Task Without_the_setting_the_policy_is_off_and_forgets_nothing()
    {
        await ClosedLeadAsync(1);
        _clock.Advance(TimeSpan.FromDays(10_000));
        var options = RetentionOptions.From(new ConfigurationBuilder().Build());

        var forgotten = await new RetentionPolicy(options, new ClosedLeads(_store), Eraser(), _clock, NullLogger<RetentionPolicy>.Instance).RunOnceAsync(Token);

        Assert.Equal((null, 0), (options.ForgetClosedAfterDays, forgotten));
    }

    private RetentionPolicy Policy(int days, int batchSize = 20) => new(
        new RetentionOptions(days, batchSize, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
        new ClosedLeads(_store),
        Eraser(),
        _clock,
        NullLogger<RetentionPolicy>.Instance);

    private LeadEraser Eraser() => new(
        _store, _codec, new LeadWriteLocks(), new LeadStateCache(100), new CrashPoints(new ConfigurationBuilder().Build()), _clock, NullLogger<LeadEraser>.Instance);

    private Task ClosedLeadAsync(long leadId) => LeadAsync(leadId, LeadStatus.Closed);

    private async Task LeadAsync(long leadId, params LeadStatus[] statuses) =>
        await LeadEvents.AppendAsync(
            _store, leadId, [new LeadWasInitialized(leadId), new StatusChanged(leadId, LeadStatus.Available), .. statuses.Select(s => new StatusChanged(leadId, s))]);

    private async Task<long[]> ForgottenAsync(params long[] leadIds)
    {
        var forgotten = new List<long>();
        foreach (var leadId in leadIds)
        {
            if (await Eraser().FindAsync(leadId, Token) is not null)
            {
                forgotten.Add(leadId);
            }
        }

        return [.. forgotten];
    }
}
