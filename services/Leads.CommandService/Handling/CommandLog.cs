using System.Text.Json;
using Leads.EventStore;

namespace Leads.CommandService.Handling;

/// <summary>
/// Which commands with an idempotency key were handled, and what they answered: one stream per key, written through
/// the same event store as the leads (so it is as durable, on either store, and survives restarts). Projections
/// subscribe to <c>lead-</c> streams only, so these records never reach them.
/// </summary>
public sealed class CommandLog(IEventStore store)
{
    public async Task<CommandHandled?> FindAsync(string commandId, CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadStreamAsync(
            CommandKey.RecordStream(commandId), ReadDirection.Forwards, StreamPosition.Start, 1, cancellationToken))
        {
            if (recorded.EventType == CommandHandled.EventType)
            {
                var handled = JsonSerializer.Deserialize(recorded.Data.Span, CommandHandledJsonContext.Default.CommandHandled);
                if (handled is not null && handled.CommandId == commandId)
                {
                    return handled;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Records <paramref name="handled"/> unless the key already has a record (a concurrent duplicate got there
    /// first): returns the record that is stored now.
    /// </summary>
    public async Task<CommandHandled> RecordAsync(CommandHandled handled, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(handled, CommandHandledJsonContext.Default.CommandHandled);
        var record = new EventData(CommandKey.RecordEventId(handled.CommandId), CommandHandled.EventType, data, metadata);
        var result = await store.AppendAsync(
            CommandKey.RecordStream(handled.CommandId), ExpectedRevision.NoStream, [record], cancellationToken);
        if (result is AppendResult.Success)
        {
            return handled;
        }

        return await FindAsync(handled.CommandId, cancellationToken)
            ?? throw new InvalidOperationException($"the record stream of command {handled.CommandId} exists but holds no {CommandHandled.EventType}");
    }
}
