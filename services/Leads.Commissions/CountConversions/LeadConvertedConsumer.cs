using Leads.IntegrationEvents.V1;
using MassTransit;

namespace Leads.Commissions.CountConversions;

/// <summary>
/// Counts a conversion on the day it was recorded. Idempotent by MessageId: the publisher derives the id from the
/// source event, so a repeated message has the same id and the ledger ignores it.
/// </summary>
public sealed partial class LeadConvertedConsumer(ConversionLedger ledger, ILogger<LeadConvertedConsumer> logger) : IConsumer<LeadConverted>
{
    public async Task Consume(ConsumeContext<LeadConverted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A LeadConverted message without a MessageId cannot be deduplicated.");
        var day = DateOnly.FromDateTime(context.Message.RecordedAt.UtcDateTime);
        if (!await ledger.RecordConversionAsync(messageId, day, context.CancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(logger, messageId, context.Message.LeadId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} (lead {LeadId} converted) was counted before; ignored")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, long leadId);
}
