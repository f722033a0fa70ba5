using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Cluster.Tests;

/// <summary>
/// What a run under load must leave behind, checked against the store and the read side: every acknowledged lead
/// stored exactly once (none lost, none written twice), no failed call answered Unknown or Internal or without a
/// message, views and search holding exactly the stored leads, and both equal to a fresh replay. Also the run's
/// figures, printed to the test output and to <c>$LEADS_ARTIFACTS/cluster-runs.md</c> when that is set.
/// </summary>
public sealed class ClusterRunVerdict(ClusterPlatform platform, CommandLoad load)
{
    private const int SearchSample = 60;

    /// <summary>LeadWasInitialized, NameChanged, ContactInfoChanged, StatusChanged.</summary>
    private const int InitializeLeadEvents = 4;

    public async Task VerifyAsync(string run, IReadOnlyDictionary<string, string> figures, CancellationToken cancellationToken)
    {
        var calls = load.Calls;
        var failures = calls.Where(c => !c.Succeeded).ToList();
        var readSide = new ReadSide(platform);
        var stored = await readSide.LeadStreamsAsync(cancellationToken);
        var acknowledged = load.Acknowledged;
        var lost = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).Order().ToList();
        var unacknowledged = stored.Keys.Where(id => !acknowledged.ContainsKey(id)).Order().ToList();
        // InitializeLead writes its events once: exactly that many, revisions 0.., all of one command.
        var writtenTwice = stored.Where(s => !WrittenOnce(s.Key, s.Value)).Select(s => s.Key).Order().ToList();
        var moved = acknowledged.Where(a => stored.TryGetValue(a.Key, out var events) && events[^1].Position.Value != a.Value)
            .Select(a => a.Key).Order().ToList();

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {run}")
            .AppendLine(CultureInfo.InvariantCulture, $"- commands acknowledged: {acknowledged.Count} (calls: {calls.Count})")
            .AppendLine(CultureInfo.InvariantCulture, $"- calls failed: {failures.Count} ({Describe(failures)})")
            .AppendLine(CultureInfo.InvariantCulture, $"- lost (acknowledged, not stored): {lost.Count}; written twice: {writtenTwice.Count}");
        foreach (var (name, value) in figures)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {name}: {value}");
        }

        foreach (var message in failures.Select(f => $"{f.Status}: {f.Message}").Distinct().Take(8))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  - answer seen: {message}");
        }

        Publish(report.ToString());

        Assert.True(acknowledged.Count > 0, "no command was acknowledged" + Environment.NewLine + platform.Logs());
        Assert.DoesNotContain(failures, f => f.Status is StatusCode.Unknown or StatusCode.Internal);
        Assert.DoesNotContain(failures, f => string.IsNullOrWhiteSpace(f.Message));
        Assert.Empty(lost);
        Assert.Empty(writtenTwice);
        Assert.Empty(unacknowledged);
        Assert.Empty(moved);

        var head = acknowledged.Values.Max();
        await readSide.WaitForProjectionAsync(ClusterPlatform.ViewsProjection, head, cancellationToken);
        await readSide.WaitForProjectionAsync(ClusterPlatform.SearchProjection, head, cancellationToken);
        var views = await readSide.ViewsAsync(cancellationToken);
        var sample = acknowledged.Keys.Order().Where((_, i) => i % Math.Max(1, acknowledged.Count / SearchSample) == 0).ToList();
        var searched = await readSide.SearchWhenAsync(
            sample, answers => answers.Values.All(a => a.Hits.Count == 1), "every sampled lead found by its email", cancellationToken);

        Assert.Equal(acknowledged.Keys.Order(), views.Keys);
        Assert.All(views.Values, view =>
        {
            Assert.Equal(CommandLoad.NameOf(view.LeadId), view.Name);
            Assert.Equal((ulong)(InitializeLeadEvents - 1), view.Revision);
            Assert.Equal(stored[view.LeadId][^1].Position.Value, view.Position);
        });
        Assert.All(sample, leadId => Assert.Equal(leadId, Assert.Single(searched[leadId].Hits).LeadId));

        await readSide.ReplayAsync(ClusterPlatform.ViewsProjection, head, cancellationToken);
        await readSide.ReplayAsync(ClusterPlatform.SearchProjection, head, cancellationToken);
        var replayedViews = await readSide.ViewsAsync(cancellationToken);
        var replayedSearch = await readSide.SearchWhenAsync(
            sample,
            answers => answers.Values.Select(r => r.ToString()).SequenceEqual(searched.Values.Select(r => r.ToString())),
            "the replayed index answering as before",
            cancellationToken);

        Assert.Equal(views.Values.Select(v => v.ToString()), replayedViews.Values.Select(v => v.ToString()));
        Assert.Equal(searched.Values.Select(r => r.ToString()), replayedSearch.Values.Select(r => r.ToString()));
    }

    /// <summary>Seconds from <paramref name="from"/> to <paramref name="to"/> (Stopwatch ticks), as text.</summary>
    public static string Seconds(long from, long to) =>
        ((to - from) / (double)Stopwatch.Frequency).ToString("0.000 s", CultureInfo.InvariantCulture);

    private static bool WrittenOnce(long leadId, List<Leads.EventStore.RecordedEvent> events) =>
        events.Count == InitializeLeadEvents
        && events.Select((e, i) => e.StreamRevision == (ulong)i).All(ok => ok)
        && events.Select(e => e.EventId).Distinct().Count() == events.Count
        && events.All(e => e.Metadata.CommandId == $"cluster-{leadId}");

    private static string Describe(IReadOnlyCollection<CommandCall> failures) =>
        failures.Count == 0
            ? "none"
            : string.Join(", ", failures.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Prints a report to the test output, the console and <c>$LEADS_ARTIFACTS/cluster-runs.md</c>.</summary>
    public static void Publish(string report)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);
        var artifacts = Environment.GetEnvironmentVariable("LEADS_ARTIFACTS");
        if (!string.IsNullOrEmpty(artifacts))
        {
            Directory.CreateDirectory(artifacts);
            File.AppendAllText(Path.Combine(artifacts, "cluster-runs.md"), report + Environment.NewLine);
        }
    }
}
