using System.Diagnostics;
using Leads.CommandService.Telemetry;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.Handling;

/// <summary>
/// The application service of the write side: load the lead's stream, let <see cref="LeadDecider"/> decide, append
/// with the revision it read, and retry that loop (bounded, jittered) when another writer got there first. On top:
/// expected revisions with conflict checks (rebase when nothing conflicts) and idempotency keys that hold across
/// restarts and crashes.
/// </summary>
public sealed partial class LeadCommandService(
    IEventStore store, LeadEventCodec codec, CommandLog log, LeadWriteLocks locks, CommandKeyLocks keyLocks, LeadStateCache cache, TimeProvider time, ILogger<LeadCommandService> logger)
{
    public const int MaxAttempts = 20;

    public async Task<CommandOutcome> HandleAsync(IncomingCommand incoming, CallerContext caller, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var activity = CommandTelemetry.Source.StartActivity(incoming.Rpc);
        activity?.SetTag("lead.id", incoming.Command.LeadId);
        activity?.SetTag("command.id", incoming.CommandId);

        var outcome = await DecideAndAppendAsync(incoming, caller, activity, cancellationToken);

        var outcomeName = NameOf(outcome);
        activity?.SetTag("command.outcome", outcomeName);
        if (outcome is CommandOutcome.Contended)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "contention");
        }

        CommandTelemetry.Handled(incoming.Rpc, outcomeName, time.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>
    /// The fingerprint covers the command's fields, personal ones included, and is stored with its events and in the
    /// command log: so it is stored keyed by the lead's data key, and forgetting the lead makes it useless for testing
    /// guesses. A lead without a key (none yet, or forgotten) keeps the plain fingerprint, which is then never stored:
    /// such a command is refused (not found, or forgotten) or, for InitializeLead, creates the key first.
    /// </summary>
    private async Task<IncomingCommand> WithKeyedFingerprintAsync(IncomingCommand incoming, CancellationToken cancellationToken)
    {
        var keyed = await codec.KeyedDigestAsync(
            incoming.Command.LeadId, incoming.Fingerprint, create: incoming.Command is Domain.Commands.InitializeLead, cancellationToken);
        return keyed is null ? incoming : incoming with { Fingerprint = keyed };
    }

    private async Task<CommandOutcome> DecideAndAppendAsync(
        IncomingCommand incoming, CallerContext caller, Activity? activity, CancellationToken cancellationToken)
    {
        var commandId = incoming.CommandId;
        if (commandId is not null && CommandKey.Validate(commandId) is { } badKey)
        {
            return new CommandOutcome.Refused(badKey);
        }

        // Bad input is refused before anything is read: the decider validates every field before it looks at state.
        var validation = LeadDecider.Decide(incoming.Command, LeadState.Initial);
        if (!validation.IsValid && validation.Error.Kind == DomainErrorKind.InvalidArgument)
        {
            return new CommandOutcome.Refused(validation.Error);
        }

        using var keyHolder = commandId is null ? null : await keyLocks.AcquireAsync(commandId, cancellationToken);
        using var writer = await locks.AcquireAsync(incoming.Command.LeadId, cancellationToken);
        if (commandId is not null)
        {
            incoming = await WithKeyedFingerprintAsync(incoming, cancellationToken);
        }

        if (commandId is not null && await log.FindAsync(commandId, cancellationToken) is { } handled)
        {
            return Replay(incoming, handled);
        }

        try
        {
            return await LoadDecideAndAppendAsync(incoming, caller, activity, cancellationToken);
        }
        catch
        {
            // The events may be stored while their record is not, or the outcome is unknown: read the stream next time.
            cache.Forget(incoming.Command.LeadId);
            throw;
        }
    }

    private async Task<CommandOutcome> LoadDecideAndAppendAsync(
        IncomingCommand incoming, CallerContext caller, Activity? activity, CancellationToken cancellationToken)
    {
        var commandId = incoming.CommandId;
        var metadata = CommandMetadata.For(incoming, caller, activity);
        var leadId = incoming.Command.LeadId;
        var streamId = LeadStream.Name(leadId);
        // A command without a key first decides on the remembered lead without reading: when that yields events, the
        // append's expected revision checks the memory was current. Any other answer (no-op, refusal) is given only
        // after a read. A keyed command always reads (at least the tail), so events its key left behind are found.
        var remembered = commandId is null ? LoadedLead.Remembered(cache, leadId, null, incoming.ExpectedRevision) : null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var lead = remembered ?? await LoadAsync(leadId, commandId, incoming.ExpectedRevision, cancellationToken);
            remembered = null;
            if (lead.ByThisCommand.Count > 0)
            {
                return await RecoverAsync(incoming, lead, metadata, cancellationToken);
            }

            var decision = Decide(incoming, lead);
            if (lead.Unverified && (decision.Refusal is not null || decision.Events.Count == 0))
            {
                lead = await LoadAsync(leadId, commandId, incoming.ExpectedRevision, cancellationToken);
                if (lead.ByThisCommand.Count > 0)
                {
                    return await RecoverAsync(incoming, lead, metadata, cancellationToken);
                }

                decision = Decide(incoming, lead);
            }

            if (decision.Refusal is { } refusal)
            {
                return refusal;
            }

            if (decision.Events.Count == 0)
            {
                var noOp = new CommandReply(leadId, lead.Revision ?? 0, lead.Position?.Value ?? 0, NoOp: true, decision.Rebased);
                return await RecordAsync(incoming, noOp, metadata, cancellationToken);
            }

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

                events.Add(new EventData(
                    commandId is null ? Guid.CreateVersion7() : CommandKey.EventId(commandId, streamId, events.Count),
                    LeadEventTypes.Of(e),
                    data,
                    metadata));
            }

            var result = await store.AppendAsync(streamId, ExpectedRevision.From(lead.Revision), events, cancellationToken);
            if (result is AppendResult.Success success)
            {
                var state = decision.Events.Aggregate(lead.State, LeadState.Evolve);
                cache.Remember(leadId, new LeadSnapshot(state, success.NextExpectedRevision, success.Position, lead.ReadKeyHashes));
                var reply = new CommandReply(leadId, success.NextExpectedRevision, success.Position.Value, NoOp: false, decision.Rebased);
                return await RecordAsync(incoming, reply, metadata, cancellationToken);
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

    /// <summary>Reads the stream (only its tail when a usable snapshot is remembered) and remembers what it found.</summary>
    private async Task<LoadedLead> LoadAsync(long leadId, string? commandId, ulong? expectedRevision, CancellationToken cancellationToken)
    {
        var lead = await LoadedLead.LoadAsync(store, codec, cache, leadId, commandId, expectedRevision, cancellationToken);
        if (lead.ToSnapshot() is { } loaded)
        {
            cache.Remember(leadId, loaded);
        }

        return lead;
    }

    /// <summary>Checks the caller's expected revision against the stream, then lets the domain decide on the current state.</summary>
    private static Decision Decide(IncomingCommand incoming, LoadedLead lead)
    {
        var leadId = incoming.Command.LeadId;
        var rebased = false;
        if (incoming.ExpectedRevision is { } expected)
        {
            if (lead.Revision is not { } current)
            {
                return Decision.Refuse(new DomainError(
                    DomainErrorKind.FailedPrecondition,
                    $"expected_revision {expected} was given, but lead {leadId} does not exist",
                    "expected_revision"));
            }

            if (expected > current)
            {
                return Decision.Refuse(new DomainError(
                    DomainErrorKind.FailedPrecondition,
                    $"expected_revision {expected} is ahead of lead {leadId}, whose current revision is {current}",
                    "expected_revision"));
            }

            if (expected < current)
            {
                var conflicts = ConcurrencyCheck.Conflicts(incoming.Command, lead.After(expected));
                if (conflicts.Count > 0)
                {
                    return new Decision(new CommandOutcome.Conflicted(leadId, expected, current, conflicts), [], false);
                }

                rebased = true;
            }
        }

        var decided = LeadDecider.Decide(incoming.Command, lead.State);
        return decided.IsValid ? new Decision(null, decided.Value, rebased) : Decision.Refuse(decided.Error);
    }

    /// <summary>The key was handled before: the same command gets the same reply, a different one is refused.</summary>
    private static CommandOutcome Replay(IncomingCommand incoming, CommandHandled handled) =>
        handled.Fingerprint == incoming.Fingerprint
            ? new CommandOutcome.Accepted(handled.Reply)
            : new CommandOutcome.Refused(KeyReused(incoming.CommandId!, handled.LeadId));

    /// <summary>
    /// The command's events are in the lead's stream but its record is not: the service stopped between the two
    /// appends, or the reply was lost. Rebuild the reply from the events and record it.
    /// </summary>
    private async Task<CommandOutcome> RecoverAsync(IncomingCommand incoming, LoadedLead lead, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var mine = lead.ByThisCommand;
        if (mine[0].Metadata.CommandFingerprint != incoming.Fingerprint)
        {
            return new CommandOutcome.Refused(KeyReused(incoming.CommandId!, incoming.Command.LeadId));
        }

        var first = mine[0].StreamRevision;
        var last = mine[^1];
        var rebased = incoming.ExpectedRevision is { } expected && first > 0 && expected < first - 1;
        LogRecovered(logger, incoming.CommandId!, incoming.Command.LeadId, first, last.StreamRevision);
        var reply = new CommandReply(incoming.Command.LeadId, last.StreamRevision, last.Position.Value, NoOp: false, rebased);
        return await RecordAsync(incoming, reply, metadata, cancellationToken);
    }

    private async Task<CommandOutcome> RecordAsync(IncomingCommand incoming, CommandReply reply, EventMetadata metadata, CancellationToken cancellationToken)
    {
        if (incoming.CommandId is not { } commandId)
        {
            return new CommandOutcome.Accepted(reply);
        }

        var stored = await log.RecordAsync(CommandHandled.Of(commandId, incoming.Fingerprint, reply), metadata, cancellationToken);
        return Replay(incoming, stored);
    }

    private static DomainError KeyReused(string commandId, long leadId) => DomainError.Invalid(
        "command_id",
        $"command_id '{commandId}' was already used for a different command (on lead {leadId}); send a new command_id for a new command");

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(1 + Random.Shared.Next(0, Math.Min(250, 2 << attempt)));

    private static string NameOf(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Accepted { Reply.NoOp: true } => "no_op",
        CommandOutcome.Accepted => "accepted",
        CommandOutcome.Refused r => r.Error.Kind.ToString(),
        CommandOutcome.Conflicted => "conflict",
        CommandOutcome.Contended => "contended",
        _ => "unknown",
    };

    private readonly record struct Decision(CommandOutcome? Refusal, IReadOnlyList<ILeadEvent> Events, bool Rebased)
    {
        public static Decision Refuse(DomainError error) => new(new CommandOutcome.Refused(error), [], false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Rpc} on lead {LeadId}: another writer appended first (attempt {Attempt}), deciding again")]
    private static partial void LogRaceLost(ILogger logger, string rpc, long leadId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Rpc} on lead {LeadId}: gave up after {Attempts} attempts, other writers kept appending")]
    private static partial void LogContended(ILogger logger, string rpc, long leadId, int attempts);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Command {CommandId} on lead {LeadId} was appended at revisions {First}..{Last} but not recorded; recording it now")]
    private static partial void LogRecovered(ILogger logger, string commandId, long leadId, ulong first, ulong last);
}
