using System.Globalization;
using Leads.Contracts.V1;
using Leads.EventStore;
using Leads.Testing;

namespace Cluster.Tests;

/// <summary>What the store holds for the load's leads, and what the read side shows of them.</summary>
public sealed class ReadSide(ClusterPlatform platform)
{
    private static readonly TimeSpan ProjectionDeadline = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan SearchVisibleDeadline = TimeSpan.FromSeconds(15);

    /// <summary>Every <c>lead-</c> stream in the store with its events, read from the cluster's leader.</summary>
    public async Task<Dictionary<long, List<RecordedEvent>>> LeadStreamsAsync(CancellationToken cancellationToken)
    {
        var streams = new Dictionary<long, List<RecordedEvent>>();
        await foreach (var recorded in platform.Store.ReadAllAsync(null, long.MaxValue, cancellationToken))
        {
            if (!recorded.StreamId.StartsWith("lead-", StringComparison.Ordinal))
            {
                continue;
            }

            var leadId = long.Parse(recorded.StreamId["lead-".Length..], CultureInfo.InvariantCulture);
            if (!streams.TryGetValue(leadId, out var events))
            {
                streams[leadId] = events = [];
            }

            events.Add(recorded);
        }

        return streams;
    }

    /// <summary>
    /// Waits until the projection's checkpoint is at or past <paramref name="position"/>. Not for its state: on
    /// EventStoreDB a rebuild's target is the head of $all, system events included, which a filtered subscription may
    /// not pass for a long time, so "Rebuilding" can outlast the replay of every lead event (the embedded stores rebuild
    /// in place, so the data read meanwhile is the replayed data).
    /// </summary>
    public Task<ProjectionInfo> WaitForProjectionAsync(string name, ulong position, CancellationToken cancellationToken) =>
        platform.Admin.WaitForProjectionAsync(name, position, ProjectionDeadline, platform.Logs, cancellationToken);

    /// <summary>Every lead view, by lead id.</summary>
    public async Task<SortedDictionary<long, LeadView>> ViewsAsync(CancellationToken cancellationToken)
    {
        var views = new SortedDictionary<long, LeadView>();
        var token = string.Empty;
        do
        {
            var page = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 500, PageToken = token }, cancellationToken: cancellationToken);
            foreach (var view in page.Leads)
            {
                views.Add(view.LeadId, view);
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return views;
    }

    /// <summary>The search answer for each lead's email, by lead id.</summary>
    public async Task<SortedDictionary<long, SearchLeadsReply>> SearchByEmailAsync(IEnumerable<long> leadIds, CancellationToken cancellationToken)
    {
        var answers = new SortedDictionary<long, SearchLeadsReply>();
        foreach (var leadId in leadIds)
        {
            var found = await platform.Queries.SearchLeadsAsync(
                new SearchLeadsRequest { Query = CommandLoad.EmailOf(leadId), PageSize = 10 }, cancellationToken: cancellationToken);
            answers[leadId] = found;
        }

        return answers;
    }

    /// <summary>
    /// The search answers for the sample once <paramref name="settled"/> holds for them, or the last answers after
    /// <see cref="SearchVisibleDeadline"/> (the caller's assertions then show the difference). The query service sees
    /// the search projector's index only as of its last Lucene commit (committed at most every 500 ms, looked for every
    /// 200 ms), which can trail the checkpoint the projector reports.
    /// </summary>
    public async Task<SortedDictionary<long, SearchLeadsReply>> SearchWhenAsync(
        IReadOnlyCollection<long> leadIds, Func<SortedDictionary<long, SearchLeadsReply>, bool> settled, string what, CancellationToken cancellationToken)
    {
        SortedDictionary<long, SearchLeadsReply>? last = null;
        try
        {
            return await Eventually.ReturnsAsync(
                async () =>
                {
                    last = await SearchByEmailAsync(leadIds, cancellationToken);
                    return settled(last) ? last : null;
                },
                SearchVisibleDeadline,
                what,
                cancellationToken);
        }
        catch (TimeoutException) when (last is not null)
        {
            return last;
        }
    }

    /// <summary>
    /// Resets a projection to the start (a fresh replay: the projector clears its data and checkpoint before it
    /// acknowledges) and waits until it has replayed past <paramref name="position"/>.
    /// </summary>
    public async Task ReplayAsync(string name, ulong position, CancellationToken cancellationToken)
    {
        var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = name, FromStart = true }, cancellationToken: cancellationToken);
        Assert.True(reset.Acknowledged && reset.Succeeded, $"reset of {name}: acknowledged {reset.Acknowledged}, {reset.Result}");
        await WaitForProjectionAsync(name, position, cancellationToken);
    }
}
