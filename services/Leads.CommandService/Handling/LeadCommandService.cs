using Leads.CommandService.Telemetry;
using Leads.Domain;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>
/// The application service of the write side, as a pipeline of named steps: admit the command (its key and fields),
/// hold its key and its lead, replay an answer the key already has, reserve the key in the store, then load, decide and
/// append (<see cref="LeadWriter"/>), then record the answer under the key (<see cref="CommandIdempotency"/>).
/// </summary>
public sealed class LeadCommandService(
    CommandIdempotency idempotency, LeadWriter writer, LeadWriteLocks leadLocks, CrashPoints crashPoints, TimeProvider time)
{
    public async Task<CommandOutcome> HandleAsync(IncomingCommand incoming, CallerContext caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        using var span = CommandSpan.Start(incoming, time);
        return span.Finish(await RunAsync(incoming, caller, span, cancellationToken));
    }

    private async Task<CommandOutcome> RunAsync(IncomingCommand incoming, CallerContext caller, CommandSpan span, CancellationToken cancellationToken)
    {
        if (Admit(incoming) is { } refused)
        {
            return new CommandOutcome.Refused(refused);
        }

        using var keyHolder = await idempotency.HoldKeyAsync(incoming, cancellationToken);
        using var leadHolder = await leadLocks.AcquireAsync(incoming.Command.LeadId, cancellationToken);
        incoming = await idempotency.WithKeyedFingerprintAsync(incoming, cancellationToken);
        if (await idempotency.ReplayAsync(incoming, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var metadata = CommandMetadata.For(incoming, caller, span.Activity);
        try
        {
            // The key is reserved only once the domain decided on events to append: a refusal or a no-op writes no claim.
            var written = await writer.WriteAsync(incoming, metadata, ReserveAsync, cancellationToken);
            if (written is not CommandOutcome.Accepted { Reply: var reply })
            {
                return written;
            }

            crashPoints.Reached(CrashPoints.LeadAppended);
            return await idempotency.RecordAsync(incoming, reply, metadata, cancellationToken);
        }
        catch
        {
            // The events may be stored while their record is not, or the outcome is unknown: read the stream next time.
            writer.Forget(incoming.Command.LeadId);
            throw;
        }
    }

    private async Task<CommandOutcome?> ReserveAsync(IncomingCommand incoming, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var claimed = await idempotency.ReserveAsync(incoming, metadata, cancellationToken);
        crashPoints.Reached(CrashPoints.CommandReserved);
        return claimed;
    }

    /// <summary>Bad input is refused before anything is read or locked: the key's rules, then every field of the command.</summary>
    private static DomainError? Admit(IncomingCommand incoming) =>
        (incoming.CommandId is { } commandId ? CommandKey.Validate(commandId) : null) ?? LeadDecider.Validate(incoming.Command);
}
