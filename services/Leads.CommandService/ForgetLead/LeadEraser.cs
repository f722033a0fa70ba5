using Leads.CommandService.Handling;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.ForgetLead;

/// <summary>
/// The right to be forgotten. Order matters for crash safety: first the lead's data key is deleted (with its tombstone:
/// when, by whom, why), which makes every personal field in the lead's stored events unreadable at once; then
/// LeadForgotten is appended, on which every read model erases what it holds. A crash between the two leaves the key
/// deleted and no event: the personal data is already unreadable, commands on the lead are refused (no key to seal
/// with), and a retry of ForgetLead finds the tombstone, keeps its original time, caller and reason, and appends the
/// event; without a retry, the command service completes it at its next start (<see cref="UnfinishedErasures"/>). The other order could leave a LeadForgotten whose key still opens the data.
/// </summary>
public sealed partial class LeadEraser(
    IEventStore store,
    LeadEventCodec codec,
    LeadWriteLocks locks,
    LeadStateCache cache,
    CrashPoints crashPoints,
    TimeProvider time,
    ILogger<LeadEraser> logger)
{
    public const string AnonymousCaller = "anonymous";

    public async Task<ErasureOutcome> ForgetAsync(long leadId, string reason, CallerContext caller, CancellationToken cancellationToken)
    {
        var erasedBy = caller.Identity ?? AnonymousCaller;
        if (LeadDecider.Validate(new Domain.Commands.ForgetLead(leadId, reason, default, erasedBy, [])) is { } badInput)
        {
            return new ErasureOutcome.Refused(badInput);
        }

        using var writer = await locks.AcquireAsync(leadId, cancellationToken);
        for (var attempt = 1; attempt <= LeadWriter.MaxAttempts; attempt++)
        {
            var lead = await LoadedLead.LoadAsync(store, codec, leadId, null, cancellationToken);
            if (!lead.State.Exists)
            {
                return new ErasureOutcome.Refused(DomainError.NotFound(leadId));
            }

            if (lead.State.Forgotten && await FindAsync(leadId, cancellationToken) is { } original)
            {
                return new ErasureOutcome.Erased(original, AlreadyForgotten: true);
            }

            var deleted = await codec.DeleteKeyAsync(new KeyErasure(leadId, time.GetUtcNow(), erasedBy, reason), cancellationToken);
            crashPoints.Reached(CrashPoints.KeyDeleted);
            // The command side's remembered state holds the lead's decrypted fields: drop it with the key.
            cache.Forget(leadId);
            var erasedEvents = lead.History
                .Where(e => LeadEventCodec.CarriesPersonalData(e.EventType))
                .Select(e => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.EventType}@{e.Revision}"))
                .ToList();
            var decided = LeadDecider.Decide(
                new Domain.Commands.ForgetLead(leadId, deleted.Reason, deleted.ErasedAt, deleted.ErasedBy, erasedEvents), lead.State);
            if (!decided.IsValid)
            {
                return new ErasureOutcome.Refused(decided.Error);
            }

            var forgotten = (LeadForgotten)decided.Value.Single();
            var metadata = new EventMetadata
            {
                CorrelationId = caller.CorrelationId ?? Guid.NewGuid().ToString("N"),
                CausationId = Guid.NewGuid().ToString("N"),
                UserId = caller.Identity,
            };
            var data = new EventData(Guid.CreateVersion7(), LeadEventTypes.LeadForgotten, await codec.SealAsync(forgotten, cancellationToken), metadata);
            var result = await store.AppendAsync(LeadStream.Name(leadId), ExpectedRevision.From(lead.Revision), [data], cancellationToken);
            if (result is AppendResult.Success success)
            {
                LogForgotten(logger, leadId, erasedEvents.Count, deleted.ErasedBy);
                return new ErasureOutcome.Erased(new Erasure(forgotten, success.NextExpectedRevision, success.Position.Value), AlreadyForgotten: false);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 50)), time, cancellationToken);
        }

        return new ErasureOutcome.Contended(leadId, LeadWriter.MaxAttempts);
    }

    /// <summary>The lead's erasure as recorded in its stream; null when it was not forgotten (or does not exist).</summary>
    public async Task<Erasure?> FindAsync(long leadId, CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadStreamAsync(
            LeadStream.Name(leadId), ReadDirection.Backwards, StreamPosition.End, long.MaxValue, cancellationToken))
        {
            if (recorded.EventType == LeadEventTypes.LeadForgotten
                && LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span) is LeadForgotten forgotten)
            {
                return new Erasure(forgotten, recorded.StreamRevision, recorded.Position.Value);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} forgotten by {ErasedBy}: key deleted, {Events} events' personal data erased")]
    private static partial void LogForgotten(ILogger logger, long leadId, int events, string erasedBy);
}
