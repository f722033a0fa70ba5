using Leads.EventStore.EventStoreDb.Protocol;

namespace Leads.EventStore.EventStoreDb;

/// <summary>Reads the server's answers into the port's types.</summary>
internal static class ProtocolResponses
{
    /// <summary>
    /// A success without a position: the server recognised the events as already written (a quick retry) and
    /// reports only the revision. The caller reads the position back from the stream.
    /// </summary>
    public static bool LacksPosition(AppendResp response, out ulong currentRevision)
    {
        currentRevision = 0;
        if (response.ResultCase != AppendResp.ResultOneofCase.Success
            || response.Success is not { } success
            || success.CurrentRevisionOptionCase != AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
            || success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position)
        {
            return false;
        }

        currentRevision = success.CurrentRevision;
        return true;
    }

    public static AppendResult AppendResult(AppendResp response, ExpectedRevision expected)
    {
        switch (response.ResultCase)
        {
            case AppendResp.ResultOneofCase.Success:
                var success = response.Success;
                if (success.CurrentRevisionOptionCase != AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision)
                {
                    throw Malformed("an append succeeded without a current revision");
                }

                var position = success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position
                    ? new GlobalPosition(success.Position.CommitPosition, success.Position.PreparePosition)
                    : throw Malformed("an append succeeded without a position");
                return new AppendResult.Success(success.CurrentRevision, position);

            case AppendResp.ResultOneofCase.WrongExpectedVersion:
                return new AppendResult.WrongExpectedRevision(expected, CurrentRevision(response.WrongExpectedVersion));

            default:
                throw Malformed("an append answer carried no result");
        }
    }

    /// <summary>The stream's current revision (null: no stream), from the current fields or else the 20.6.0 ones.</summary>
    public static ulong? CurrentRevision(AppendResp.Types.WrongExpectedVersion wrong) =>
        wrong.CurrentRevisionOptionCase switch
        {
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => wrong.CurrentRevision,
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => null,
            _ => wrong.CurrentRevisionOption2060Case switch
            {
                AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060 => wrong.CurrentRevision2060,
                _ => null,
            },
        };

    public static RecordedEvent RecordedEvent(ReadResp.Types.ReadEvent readEvent)
    {
        var recorded = readEvent.Event ?? readEvent.Link ?? throw Malformed("a read event carried no event");
        recorded.Metadata.TryGetValue("type", out var eventType);
        recorded.Metadata.TryGetValue("created", out var created);
        var metadata = CustomMetadataJson.Parse(recorded.CustomMetadata.Span);
        return new RecordedEvent(
            recorded.StreamIdentifier?.StreamName.ToStringUtf8() ?? string.Empty,
            recorded.StreamRevision,
            new GlobalPosition(recorded.CommitPosition, recorded.PreparePosition),
            EventIdCodec.FromWire(recorded.Id),
            eventType ?? string.Empty,
            metadata.RecordedAt ?? CreatedTime.Parse(created),
            recorded.Data.Memory,
            metadata);
    }

    /// <summary>
    /// A checkpoint's position, or null for the server's "no position" (both halves 2^64 - 1), which a 24.10 node sends
    /// before caught_up when nothing in the log matches the filter yet: every real event lies below it.
    /// </summary>
    public static GlobalPosition? Position(ReadResp.Types.Checkpoint checkpoint) =>
        checkpoint.CommitPosition == NoPosition || checkpoint.PreparePosition == NoPosition
            ? null
            : new GlobalPosition(checkpoint.CommitPosition, checkpoint.PreparePosition);

    /// <summary>The server's "no position": 2^64 - 1.</summary>
    public const ulong NoPosition = ulong.MaxValue;

    /// <summary>
    /// The position a caught_up message carries: none from a 24.10 server (an empty message), and never the "no
    /// position" 2^64 - 1, which would hide every later event if it were stored.
    /// </summary>
    public static GlobalPosition? Position(ReadResp.Types.CaughtUp caughtUp) =>
        caughtUp.Position is not { } p || p.CommitPosition == NoPosition || p.PreparePosition == NoPosition
            ? null
            : new GlobalPosition(p.CommitPosition, p.PreparePosition);

    private static EventStoreDbException Malformed(string what) =>
        new($"EventStoreDB sent an unexpected answer: {what}.", Grpc.Core.StatusCode.Unknown, "unexpected-answer");
}
