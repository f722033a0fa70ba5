using System.Collections.Immutable;
using Leads.IntegrationPublisher.Translation;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>
/// The publisher's "document" for one lead within a batch: the messages its events translated to, in stream order, and
/// the events that could not be translated. The projection runtime folds a batch's events into it; the publishing store
/// sends the messages and only then stores the checkpoint. Nothing of it is kept between batches.
/// </summary>
public sealed record LeadOutbox(ImmutableList<IntegrationMessage> Messages, ImmutableList<SkippedEvent> Skipped)
{
    public static LeadOutbox Empty { get; } = new([], []);

    public LeadOutbox With(IEnumerable<IntegrationMessage> messages) => this with { Messages = Messages.AddRange(messages) };

    public LeadOutbox With(SkippedEvent skipped) => this with { Skipped = Skipped.Add(skipped) };
}
