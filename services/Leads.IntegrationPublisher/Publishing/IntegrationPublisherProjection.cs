using Leads.Domain;
using Leads.EventStore;
using Leads.IntegrationPublisher.Translation;
using Leads.Projections;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>
/// The integration publisher as a projection: each lead event is translated (a pure function) and its messages are
/// appended to the lead's outbox for the batch. An untranslatable event is recorded as skipped, so it neither parks nor
/// holds back the lead's later events: the policy for events other contexts cannot be told about is to skip them.
/// </summary>
public static class IntegrationPublisherProjection
{
    public const string Name = ReadStores.PublisherLedger.ProjectionName;

    /// <summary>
    /// Events read through the codec: personal data revealed, or not published once the lead was forgotten; a status
    /// change looks back in <paramref name="store"/> for a follow-up it clears.
    /// </summary>
    public static Projection<LeadOutbox> Create(Privacy.LeadEventCodec codec, Leads.EventStore.IEventStore store) =>
        Build(new ProjectionBuilder<LeadOutbox>(Name, _ => LeadOutbox.Empty, async (recorded, cancellationToken) =>
            await IntegrationMessageTranslator.TranslateAsync(recorded, codec, store, cancellationToken).ConfigureAwait(false) switch
            {
                Translation.Translation.Ignore => null,
                var t => t,
            }).PrepareBatch(codec.PrefetchKeysAsync));

    private static Projection<LeadOutbox> Build(ProjectionBuilder<LeadOutbox> builder) =>
        builder
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .On<Translation.Translation.Publish>((outbox, t, _) => outbox.With(t.Messages))
            .On<Translation.Translation.Untranslatable>((outbox, t, ctx) =>
                outbox.With(new SkippedEvent(ctx.StreamId, ctx.StreamRevision, ctx.Position, ctx.EventId, ctx.EventType, t.Reason)))
            .Build();
}
