using System.Collections.Concurrent;
using System.Diagnostics;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;
using Leads.Testing;
using static Leads.Testing.Contracts.SearchLeads;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// After erasures the index asks Elasticsearch to merge deleted documents away (a forgotten lead's old versions stay in
/// their segments until then): one <c>_forcemerge?only_expunge_deletes=true</c> on the lead index for a burst of
/// erasures, none for batches that erase nothing, and never two within the configured interval.
/// </summary>
public sealed class ExpungeRequestTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasures_are_expunged_by_one_batched_rate_limited_forcemerge_request_on_the_lead_index()
    {
        var node = new FakeNode(configure: o => o with { ExpungeDelay = TimeSpan.FromMilliseconds(500), ExpungeInterval = Interval });
        var sentAt = new ConcurrentQueue<long>();
        node.Handler.On(r => r.Method == "POST" && r.Path.EndsWith("/_forcemerge", StringComparison.Ordinal), _ =>
        {
            sentAt.Enqueue(Stopwatch.GetTimestamp());
            return (200, """{"_shards":{"total":1,"successful":1,"failed":0}}""");
        });

        await node.Index.CommitAsync(Commit(Write(Lead1410), 9), Ct);
        Assert.Empty(ForceMerges(node));
        for (var lead = 1; lead <= 3; lead++)
        {
            await node.Index.CommitAsync(Commit(Erased(lead), 10 + lead), Ct);
        }

        await Eventually.IsTrueAsync(() => Task.FromResult(!sentAt.IsEmpty), TimeSpan.FromSeconds(10), "the first expunge request", Ct);
        var first = Assert.Single(ForceMerges(node));
        Assert.Equal(("POST", "/leads-search-v1/_forcemerge?only_expunge_deletes=true"), (first.Method, first.PathAndQuery));
        Assert.True(string.IsNullOrEmpty(first.Body), first.Body);

        await node.Index.CommitAsync(Commit(Erased(4), 20), Ct);
        await node.Index.CommitAsync(Commit(Erased(5), 21), Ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(sentAt.Count >= 2), TimeSpan.FromSeconds(10), "the second expunge request", Ct);

        var times = sentAt.ToArray();
        // Timers may fire a millisecond or so early against the stopwatch: the rate limit is the interval, give or take that.
        Assert.True(Stopwatch.GetElapsedTime(times[0], times[1]) >= Interval - TimeSpan.FromMilliseconds(50), $"two expunge requests {Stopwatch.GetElapsedTime(times[0], times[1])} apart");
        Assert.Equal(2, ForceMerges(node).Count);
    }

    private static List<SentRequest> ForceMerges(FakeNode node)
    {
        lock (node.Handler.Requests)
        {
            return [.. node.Handler.Requests.Where(r => r.Path.EndsWith("/_forcemerge", StringComparison.Ordinal))];
        }
    }

    private static ProjectionCommit<LeadSearchDocument> Commit(DocumentWrite<LeadSearchDocument> write, long checkpoint) =>
        new([write], [], GlobalPosition.FromSequence((ulong)checkpoint));

    /// <summary>A lead that was indexed before this batch and is forgotten in it.</summary>
    private static DocumentWrite<LeadSearchDocument> Erased(long leadId)
    {
        var forgotten = LeadSearchProjection.Forgotten(Fold(1, Story1410), new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["name"], []));
        var document = forgotten with { LeadId = leadId, Position = GlobalPosition.FromSequence(100 + (ulong)leadId) };
        return new DocumentWrite<LeadSearchDocument>($"lead-{leadId}", document, document.Position, GlobalPosition.FromSequence((ulong)leadId));
    }
}
