using System.Globalization;
using System.Text;

namespace Cluster.Tests;

/// <summary>
/// What the integration publisher must leave on RabbitMQ after a run: once its checkpoint has passed the last
/// acknowledged command (it stores the checkpoint only after the broker confirmed the batch), the queue bound to every
/// message exchange holds exactly one message per lead event in the store (none missing, none twice, by source event id
/// and by message id) and nothing else.
/// </summary>
public sealed class PublishedOncePerEvent(ClusterPlatform platform, PublishedMessages queue)
{
    public async Task VerifyAsync(string run, ulong head, CancellationToken cancellationToken)
    {
        var readSide = new ReadSide(platform);
        await readSide.WaitForProjectionAsync(ClusterPlatform.PublisherProjection, head, cancellationToken);
        var events = (await readSide.LeadStreamsAsync(cancellationToken)).Values.SelectMany(e => e).ToList();
        var messages = await queue.DrainAsync(cancellationToken);

        var eventIds = events.Select(e => e.EventId).ToHashSet();
        var bySource = messages.GroupBy(m => m.SourceEventId).ToDictionary(g => g.Key, g => g.Count());
        var missing = eventIds.Where(id => !bySource.ContainsKey(id)).ToList();
        var twice = bySource.Where(s => s.Value > 1).Select(s => s.Key).ToList();
        var foreign = bySource.Keys.Where(id => !eventIds.Contains(id)).ToList();
        var repeatedIds = messages.GroupBy(m => m.MessageId).Count(g => g.Count() > 1);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {run}: integration messages on RabbitMQ")
            .AppendLine(CultureInfo.InvariantCulture, $"- lead events in the store: {eventIds.Count}; messages on the queue: {messages.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"- events without a message: {missing.Count}; events published more than once: {twice.Count}; messages of no stored event: {foreign.Count}; message ids repeated: {repeatedIds}")
            .AppendLine(CultureInfo.InvariantCulture, $"- by exchange: {string.Join(", ", messages.GroupBy(m => m.Exchange).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}");
        ClusterRunVerdict.Publish(report.ToString());

        Assert.NotEmpty(eventIds);
        Assert.Empty(missing);
        Assert.Empty(twice);
        Assert.Empty(foreign);
        Assert.Equal(0, repeatedIds);
        Assert.Equal(eventIds.Count, messages.Count);
        Assert.DoesNotContain(messages, m => string.IsNullOrEmpty(m.MessageId));
    }
}
