using System.Text.Json;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>
/// Which commands with an idempotency key were claimed and handled, and what they answered: one stream per key,
/// written through the same event store as the leads (so it is as durable, on either store, and shared by every
/// replica). The stream is <see cref="CommandReserved"/> (revision 0, written with "no stream" right before the lead's
/// events are appended) then <see cref="CommandHandled"/> (revision 1, written with expected revision 0). A no-op,
/// which appends no lead events, and keys recorded before reservations existed hold only the <see cref="CommandHandled"/>. Projections subscribe to <c>lead-</c> streams only,
/// so these records never reach them.
/// </summary>
public sealed class CommandLog(IEventStore store)
{
    private const ulong ReservationRevision = 0;

    public async Task<CommandHandled?> FindAsync(string commandId, CancellationToken cancellationToken) =>
        (await ReadAsync(commandId, cancellationToken)).Handled;

    /// <summary>
    /// Claims the key for <paramref name="reservation"/>. Returns null when it is this command's (claimed now, or by a
    /// copy of the same command before: that copy's write and this one are the same idempotent write); otherwise what
    /// the key holds (its reply, or the other command it belongs to).
    /// </summary>
    public async Task<CommandKeyClaim?> ReserveAsync(CommandReserved reservation, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(reservation, CommandReservedJsonContext.Default.CommandReserved);
        var claim = new EventData(CommandKey.ReservationEventId(reservation.CommandId, reservation.Fingerprint), CommandReserved.EventType, data, metadata);
        if (await store.AppendAsync(CommandKey.RecordStream(reservation.CommandId), ExpectedRevision.NoStream, [claim], cancellationToken) is AppendResult.Success)
        {
            return null;
        }

        var found = await ReadAsync(reservation.CommandId, cancellationToken);
        return found.Handled is null && found.Reserved?.Fingerprint == reservation.Fingerprint && found.Reserved.LeadId == reservation.LeadId
            ? null
            : found;
    }

    /// <summary>
    /// Records <paramref name="handled"/> unless the key already has a record (a concurrent copy got there first):
    /// returns the record that is stored now. It follows the key's reservation, or starts the stream when the command
    /// reserved nothing (a no-op, which writes no lead events).
    /// </summary>
    public async Task<CommandHandled> RecordAsync(CommandHandled handled, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(handled, CommandHandledJsonContext.Default.CommandHandled);
        var record = new EventData(CommandKey.RecordEventId(handled.CommandId), CommandHandled.EventType, data, metadata);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var found = await ReadAsync(handled.CommandId, cancellationToken);
            if (found.Handled is { } stored)
            {
                return stored;
            }

            var expected = found.Reserved is null ? ExpectedRevision.NoStream : ExpectedRevision.Exact(ReservationRevision);
            if (await store.AppendAsync(CommandKey.RecordStream(handled.CommandId), expected, [record], cancellationToken) is AppendResult.Success)
            {
                return handled;
            }
        }

        return await FindAsync(handled.CommandId, cancellationToken)
            ?? throw new InvalidOperationException($"the record stream of command {handled.CommandId} keeps changing without a {CommandHandled.EventType}");
    }

    private async Task<CommandKeyClaim> ReadAsync(string commandId, CancellationToken cancellationToken)
    {
        CommandReserved? reserved = null;
        await foreach (var recorded in store.ReadStreamAsync(
            CommandKey.RecordStream(commandId), ReadDirection.Forwards, StreamPosition.Start, 2, cancellationToken))
        {
            if (recorded.EventType == CommandHandled.EventType
                && JsonSerializer.Deserialize(recorded.Data.Span, CommandHandledJsonContext.Default.CommandHandled) is { } handled
                && handled.CommandId == commandId)
            {
                return new CommandKeyClaim(reserved, handled);
            }

            if (recorded.EventType == CommandReserved.EventType)
            {
                reserved = JsonSerializer.Deserialize(recorded.Data.Span, CommandReservedJsonContext.Default.CommandReserved);
            }
        }

        return new CommandKeyClaim(reserved, null);
    }
}

