using Leads.CommandService.Telemetry;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.Handling;

/// <summary>
/// Load, decide, append: reads the lead's stream (its tail, when <see cref="LeadStateCache"/> remembers the rest), lets
/// the domain decide (<see cref="ConcurrencyCheck.Decide"/>: expected revision, conflicts or rebase, then the rules),
/// seals the events' personal data and appends them at the revision it read. When another writer got there first it
/// decides again, a bounded number of jittered attempts. Holds the caller's lead lock; never records idempotency keys.
/// </summary>
public sealed partial class LeadWriter(
    IEventStore store, LeadEventCodec codec, LeadStateCache cache, TimeProvider time, ILogger<LeadWriter> logger)
{
    public const int MaxAttempts = 20;

    /// <summary>
    /// <see cref="CommandOutcome.Accepted"/> carries the reply to record (appended, no-op, or recovered from events this
    /// key appended before); any other outcome wrote nothing.
    /// </summary>
    public Task<CommandOutcome> WriteAsync(IncomingCommand incoming, EventMetadata metadata, CancellationToken cancellationToken) =>
        WriteAsync(incoming, metadata, null, cancellationToken);

    /// <summary>
    /// As above; <paramref name="beforeAppend"/> runs right before each append of decided events (the idempotency
    /// key's reservation): a non-null answer ends the command with it instead.
    /// </summary>
    public async Task<CommandOutcome> WriteAsync(
        IncomingCommand incoming,
        EventMetadata metadata,
        Func<IncomingCommand, EventMetadata, CancellationToken, Task<CommandOutcome?>>? beforeAppend,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var leadId = incoming.Command.LeadId;
        // A command without a key first decides on the remembered lead without reading: when that yields events, the
        // append's expected revision checks the memory was current. Any other answer (no-op, refusal) is given only
        // after a read. A keyed command always reads (at least the tail), so events its key left behind are found.
        var remembered = incoming.CommandId is null ? LoadedLead.Remembered(cache, leadId, null, incoming.ExpectedRevision) : null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var lead = remembered ?? await LoadAsync(incoming, cancellationToken);
            remembered = null;
            var decision = Decide(incoming, lead);
            if (lead.Unverified && decision is not CommandDecision.Accepted { Events.Count: > 0 })
            {
                lead = await LoadAsync(incoming, cancellationToken);
                decision = Decide(incoming, lead);
            }

            if (lead.ByThisCommand.Count > 0)
            {
                return Recover(incoming, lead);
            }

            switch (decision)
            {
                case CommandDecision.Refused r:
                    return new CommandOutcome.Refused(r.Error);
                case CommandDecision.Conflicted c:
                    return new CommandOutcome.Conflicted(leadId, c.ExpectedRevision, c.CurrentRevision, c.Conflicts);
                case CommandDecision.Accepted { Events.Count: 0 } noOp:
                    return new CommandOutcome.Accepted(new CommandReply(leadId, lead.Revision ?? 0, lead.Position?.Value ?? 0, NoOp: true, noOp.Rebased));
            }

            var accepted = (CommandDecision.Accepted)decision;
            if (beforeAppend is not null && await beforeAppend(incoming, metadata, cancellationToken) is { } claimed)
            {
                return claimed;
            }

            if (await AppendAsync(incoming, lead, accepted, metadata, cancellationToken) is { } appended)
            {
                return appended;
            }

            if (lead.Unverified)
            {
                // The memory was behind the stream (another process appended): read the tail and decide again now.
                continue;
            }

            CommandTelemetry.Retried(incoming.Rpc);
            LogRaceLost(logger, incoming.Rpc, leadId, attempt);
            await Task.Delay(Backoff(attempt), time, cancellationToken);
        }

        LogContended(logger, incoming.Rpc, leadId, MaxAttempts);
        return new CommandOutcome.Contended(leadId, MaxAttempts);
    }

    /// <summary>Drops what is remembered of the lead: the next command reads its whole stream.</summary>
    public void Forget(long leadId) => cache.Forget(leadId);

    private static CommandDecision Decide(IncomingCommand incoming, LoadedLead lead) =>
        ConcurrencyCheck.Decide(incoming.Command, incoming.ExpectedRevision, lead.ToHistory());

    /// <summary>Reads the stream (only its tail when a usable snapshot is remembered) and remembers what it found.</summary>
    private async Task<LoadedLead> LoadAsync(IncomingCommand incoming, CancellationToken cancellationToken)
    {
        var leadId = incoming.Command.LeadId;
        var lead = await LoadedLead.LoadAsync(store, codec, cache, leadId, incoming.CommandId, incoming.ExpectedRevision, cancellationToken);
        if (lead.ToSnapshot() is { } loaded)
        {
            cache.Remember(leadId, loaded);
        }

        return lead;
    }

    /// <summary>Seals and appends the decided events; null when another writer appended first (decide again).</summary>
    private async Task<CommandOutcome?> AppendAsync(
        IncomingCommand incoming, LoadedLead lead, CommandDecision.Accepted decision, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var leadId = incoming.Command.LeadId;
        var streamId = LeadStream.Name(leadId);
        var events = new List<EventData>(decision.Events.Count);
        foreach (var e in decision.Events)
        {
            // Personal fields are sealed with the lead's key; a key deleted by an unfinished erasure refuses the write.
            byte[] data;
            try
            {
                data = await codec.SealAsync(e, cancellationToken);
            }
            catch (LeadErasedException)
            {
                return new CommandOutcome.Refused(DomainError.Forgotten(leadId));
            }

            var eventId = incoming.CommandId is { } commandId ? CommandKey.EventId(commandId, streamId, events.Count) : Guid.CreateVersion7();
            events.Add(new EventData(eventId, LeadEventTypes.Of(e), data, metadata));
        }

        if (await store.AppendAsync(streamId, ExpectedRevision.From(lead.Revision), events, cancellationToken) is not AppendResult.Success success)
        {
            return null;
        }

        var state = decision.Events.Aggregate(lead.State, LeadState.Evolve);
        cache.Remember(leadId, new LeadSnapshot(state, success.NextExpectedRevision, success.Position, lead.ReadKeyHashes));
        return new CommandOutcome.Accepted(new CommandReply(leadId, success.NextExpectedRevision, success.Position.Value, NoOp: false, decision.Rebased));
    }

    /// <summary>
    /// The command's events are in the lead's stream but its record is not: the service stopped between the two
    /// appends, or the reply was lost. The reply is rebuilt from the events (the caller records it).
    /// </summary>
    private CommandOutcome Recover(IncomingCommand incoming, LoadedLead lead)
    {
        var mine = lead.ByThisCommand;
        if (mine[0].Metadata.CommandFingerprint != incoming.Fingerprint)
        {
            return new CommandOutcome.Refused(CommandKey.Reused(incoming.CommandId!, incoming.Command.LeadId));
        }

        var first = mine[0].StreamRevision;
        var last = mine[^1];
        var rebased = incoming.ExpectedRevision is { } expected && first > 0 && expected < first - 1;
        LogRecovered(logger, incoming.CommandId!, incoming.Command.LeadId, first, last.StreamRevision);
        return new CommandOutcome.Accepted(new CommandReply(incoming.Command.LeadId, last.StreamRevision, last.Position.Value, NoOp: false, rebased));
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(1 + Random.Shared.Next(0, Math.Min(250, 2 << attempt)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Rpc} on lead {LeadId}: another writer appended first (attempt {Attempt}), deciding again")]
    private static partial void LogRaceLost(ILogger logger, string rpc, long leadId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rpc} on lead {LeadId}: gave up after {Attempts} attempts, other writers kept appending")]
    private static partial void LogContended(ILogger logger, string rpc, long leadId, int attempts);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Command {CommandId} on lead {LeadId} was appended at revisions {First}..{Last} but not recorded; recording it now")]
    private static partial void LogRecovered(ILogger logger, string commandId, long leadId, ulong first, ulong last);
}
