using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.Handling;

/// <summary>
/// Idempotency keys (<c>command_id</c>): one command at a time per key in this process, the fingerprint that tells a
/// retry from a different command, the reservation that makes the key one command's across replicas, the answer a
/// handled key replays, and the record that stores it. A command without a key passes
/// every step unchanged.
/// </summary>
public sealed class CommandIdempotency(CommandLog log, CommandKeyLocks keyLocks, LeadEventCodec codec)
{
    /// <summary>Holds the command's key (always before its lead's lock, see <see cref="CommandKeyLocks"/>); null without a key.</summary>
    public async ValueTask<IDisposable?> HoldKeyAsync(IncomingCommand incoming, CancellationToken cancellationToken) =>
        incoming.CommandId is { } commandId ? await keyLocks.AcquireAsync(commandId, cancellationToken) : null;

    /// <summary>
    /// The fingerprint covers the command's fields, personal ones included, and is stored with its events and in the
    /// command log: so it is stored keyed by the lead's data key, and forgetting the lead makes it useless for testing
    /// guesses. A lead without a key (none yet, or forgotten) keeps the plain fingerprint, which is then never stored:
    /// such a command is refused (not found, or forgotten) or, for InitializeLead, creates the key first.
    /// </summary>
    public async Task<IncomingCommand> WithKeyedFingerprintAsync(IncomingCommand incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.CommandId is null)
        {
            return incoming;
        }

        var keyed = await codec.KeyedDigestAsync(
            incoming.Command.LeadId, incoming.Fingerprint, create: incoming.Command is Domain.Commands.InitializeLead, cancellationToken);
        return keyed is null ? incoming : incoming with { Fingerprint = keyed };
    }

    /// <summary>The answer the key already has (or its refusal for a different command); null when it was not handled.</summary>
    public async Task<CommandOutcome?> ReplayAsync(IncomingCommand incoming, CancellationToken cancellationToken) =>
        incoming.CommandId is { } commandId && await log.FindAsync(commandId, cancellationToken) is { } handled
            ? Replay(incoming, handled)
            : null;

    /// <summary>
    /// Reserves the key in the store for this command before anything is written (null: go on and write), so replicas
    /// agree: a copy of the same command that reserved it first does not stop this one (their writes are the same
    /// idempotent write, and the first record wins); a different command that owns the key is refused, and a key
    /// handled meanwhile replays its reply.
    /// </summary>
    public async Task<CommandOutcome?> ReserveAsync(IncomingCommand incoming, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.CommandId is not { } commandId
            || await log.ReserveAsync(new CommandReserved(commandId, incoming.Fingerprint, incoming.Command.LeadId), metadata, cancellationToken) is not { } claim)
        {
            return null;
        }

        return claim.Handled is { } handled
            ? Replay(incoming, handled)
            : new CommandOutcome.Refused(CommandKey.Reused(commandId, claim.Reserved?.LeadId ?? incoming.Command.LeadId));
    }

    /// <summary>Records the reply under the key (unless a concurrent duplicate got there first) and answers what is stored.</summary>
    public async Task<CommandOutcome> RecordAsync(IncomingCommand incoming, CommandReply reply, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.CommandId is not { } commandId)
        {
            return new CommandOutcome.Accepted(reply);
        }

        var stored = await log.RecordAsync(CommandHandled.Of(commandId, incoming.Fingerprint, reply), metadata, cancellationToken);
        return Replay(incoming, stored);
    }

    /// <summary>The key was handled before: the same command gets the same reply, a different one is refused.</summary>
    private static CommandOutcome Replay(IncomingCommand incoming, CommandHandled handled) =>
        handled.Fingerprint == incoming.Fingerprint
            ? new CommandOutcome.Accepted(handled.Reply)
            : new CommandOutcome.Refused(CommandKey.Reused(incoming.CommandId!, handled.LeadId));
}
