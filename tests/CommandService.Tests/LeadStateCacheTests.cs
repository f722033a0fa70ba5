using Leads.CommandService.Handling;
using Leads.Domain;
using Leads.EventStore;

namespace Leads.CommandService.Tests;

/// <summary>The command service's bounded memory of (state, revision) per lead.</summary>
public sealed class LeadStateCacheTests
{
    [Fact]
    public void Past_its_capacity_it_forgets_the_least_recently_used_lead()
    {
        var cache = new LeadStateCache(capacity: 3);
        for (long lead = 1; lead <= 3; lead++)
        {
            cache.Remember(lead, Snapshot(lead, revision: 0));
        }

        Assert.NotNull(cache.Find(1));
        cache.Remember(4, Snapshot(4, revision: 0));
        cache.Remember(5, Snapshot(5, revision: 0));

        Assert.Equal(3, cache.Count);
        Assert.Equal([true, false, false, true, true], new long[] { 1, 2, 3, 4, 5 }.Select(lead => cache.Find(lead) is not null));
    }

    [Fact]
    public void A_snapshot_older_than_the_one_held_does_not_replace_it()
    {
        var cache = new LeadStateCache();
        cache.Remember(1, Snapshot(1, revision: 7));

        cache.Remember(1, Snapshot(1, revision: 5));

        Assert.Equal(7UL, cache.Find(1)!.Revision);
    }

    [Fact]
    public void A_forgotten_lead_is_not_found()
    {
        var cache = new LeadStateCache();
        cache.Remember(1, Snapshot(1, revision: 2));

        cache.Forget(1);

        Assert.Null(cache.Find(1));
    }

    [Fact]
    public async Task Used_from_many_threads_at_once_it_stays_within_its_capacity_and_keeps_the_latest_revisions()
    {
        var cache = new LeadStateCache(capacity: 50);
        var token = TestContext.Current.CancellationToken;

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), token, (worker, ct) =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                var lead = (long)(i % 100);
                cache.Remember(lead, Snapshot(lead, (ulong)i));
                _ = cache.Find((i * 7) % 100);
                if (i % 97 == 0)
                {
                    cache.Forget(lead);
                }
            }

            return ValueTask.CompletedTask;
        });

        Assert.InRange(cache.Count, 1, 50);
        Assert.All(Enumerable.Range(0, 100).Select(lead => cache.Find(lead)).OfType<LeadSnapshot>(), s => Assert.Equal(s.State.LeadId % 100, (long)(s.Revision % 100)));
    }

    [Fact]
    public void A_key_seen_on_an_event_read_from_the_store_may_have_events_and_an_unseen_one_has_none()
    {
        var snapshot = Snapshot(1, revision: 3) with { ReadKeyHashes = [LeadSnapshot.KeyHash("seen-key")] };

        Assert.Equal([true, false], new[] { "seen-key", "other-key" }.Select(snapshot.MayHoldEventsOf));
    }

    private static LeadSnapshot Snapshot(long leadId, ulong revision) =>
        new(LeadState.Initial with { Exists = true, LeadId = leadId }, revision, GlobalPosition.FromSequence(revision + 1), []);
}
