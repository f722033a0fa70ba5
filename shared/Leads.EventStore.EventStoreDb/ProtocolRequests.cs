using Google.Protobuf;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb;

/// <summary>Builds every request this client sends. Reads always say how event ids come back (uuid_option).</summary>
internal static class ProtocolRequests
{
    /// <summary>Reads accept the first/last stream position messages of compatibility level 1 (and ignore them).</summary>
    public const uint ControlCompatibility = 1;

    public static AppendReq AppendOptions(string streamId, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = Stream(streamId) };
        switch (expected.Kind)
        {
            case ExpectedRevisionKind.Exact:
                options.Revision = expected.Revision;
                break;
            case ExpectedRevisionKind.NoStream:
                options.NoStream = new Empty();
                break;
            case ExpectedRevisionKind.StreamExists:
                options.StreamExists = new Empty();
                break;
            default:
                options.Any = new Empty();
                break;
        }

        return new AppendReq { Options = options };
    }

    public static AppendReq ProposedEvent(EventData data) =>
        new()
        {
            ProposedMessage = new AppendReq.Types.ProposedMessage
            {
                Id = EventIdCodec.ToWire(data.EventId),
                Metadata =
                {
                    ["type"] = data.EventType,
                    ["content-type"] = EventData.JsonContentType,
                },
                CustomMetadata = ByteString.CopyFrom(CustomMetadataJson.Serialize(data.Metadata)),
                Data = ByteString.CopyFrom(data.Data.Span),
            },
        };

    public static ReadReq ReadStream(string streamId, ReadDirection direction, StreamPosition from, ulong count)
    {
        var stream = new ReadOptions.Types.StreamOptions { StreamIdentifier = Stream(streamId) };
        if (from.IsEnd)
        {
            stream.End = new Empty();
        }
        else if (from.Revision is { } revision)
        {
            stream.Revision = revision;
        }
        else
        {
            stream.Start = new Empty();
        }

        var options = Finite(direction, count);
        options.Stream = stream;
        return new ReadReq { Options = options };
    }

    /// <summary>A finite read of $all; <paramref name="from"/> is inclusive, null means the start (forwards) or the end (backwards).</summary>
    public static ReadReq ReadAll(ReadDirection direction, GlobalPosition? from, ulong count, SubscriptionFilter? filter = null, uint maxSearchWindow = 32)
    {
        var all = new ReadOptions.Types.AllOptions();
        if (from is { } position)
        {
            all.Position = Position(position);
        }
        else if (direction == ReadDirection.Backwards)
        {
            all.End = new Empty();
        }
        else
        {
            all.Start = new Empty();
        }

        var options = Finite(direction, count);
        options.All = all;
        if (filter is not null)
        {
            options.Filter = Filter(filter, maxSearchWindow, 1);
        }

        return new ReadReq { Options = options };
    }

    /// <summary>A catch-up subscription to $all. A start position is exclusive on the server.</summary>
    public static ReadReq SubscribeToAll(SubscriptionStart start, SubscriptionFilter filter, uint maxSearchWindow, uint checkpointIntervalMultiplier)
    {
        var all = new ReadOptions.Types.AllOptions();
        switch (start.Kind)
        {
            case SubscriptionStartKind.End:
                all.End = new Empty();
                break;
            case SubscriptionStartKind.After:
                all.Position = Position(start.Position);
                break;
            default:
                all.Start = new Empty();
                break;
        }

        var options = new ReadOptions
        {
            All = all,
            ReadDirection = ReadOptions.Types.ReadDirection.Forwards,
            ResolveLinks = false,
            Subscription = new ReadOptions.Types.SubscriptionOptions(),
            Filter = Filter(filter, maxSearchWindow, checkpointIntervalMultiplier),
            UuidOption = new ReadOptions.Types.UUIDOption { String = new Empty() },
            ControlOption = new ReadOptions.Types.ControlOption { Compatibility = ControlCompatibility },
        };
        return new ReadReq { Options = options };
    }

    /// <summary>
    /// The server-side filter. Without a prefix filter we still ask the server to leave out system event types
    /// (those starting with '$'), which also makes it send checkpoints; the client drops any system event that
    /// gets through (for example a user-typed event in a '$' stream).
    /// </summary>
    private static ReadOptions.Types.FilterOptions Filter(SubscriptionFilter filter, uint maxSearchWindow, uint checkpointIntervalMultiplier)
    {
        var options = new ReadOptions.Types.FilterOptions
        {
            Max = Math.Max(maxSearchWindow, 1),
            CheckpointIntervalMultiplier = Math.Max(checkpointIntervalMultiplier, 1),
        };
        switch (filter.Kind)
        {
            case SubscriptionFilterKind.StreamPrefix:
                options.StreamIdentifier = new ReadOptions.Types.FilterOptions.Types.Expression { Prefix = { filter.Prefixes } };
                break;
            case SubscriptionFilterKind.EventTypePrefix:
                options.EventType = new ReadOptions.Types.FilterOptions.Types.Expression { Prefix = { filter.Prefixes } };
                break;
            default:
                options.EventType = new ReadOptions.Types.FilterOptions.Types.Expression { Regex = NonSystemEventTypes };
                break;
        }

        return options;
    }

    /// <summary>Event types that do not start with '$'.</summary>
    public const string NonSystemEventTypes = @"^[^\$].*";

    private static ReadOptions Finite(ReadDirection direction, ulong count) =>
        new()
        {
            ReadDirection = direction == ReadDirection.Backwards ? ReadOptions.Types.ReadDirection.Backwards : ReadOptions.Types.ReadDirection.Forwards,
            ResolveLinks = false,
            Count = count,
            NoFilter = new Empty(),
            UuidOption = new ReadOptions.Types.UUIDOption { String = new Empty() },
            ControlOption = new ReadOptions.Types.ControlOption { Compatibility = ControlCompatibility },
        };

    private static StreamIdentifier Stream(string streamId) => new() { StreamName = ByteString.CopyFromUtf8(streamId) };

    private static ReadOptions.Types.Position Position(GlobalPosition position) =>
        new() { CommitPosition = position.Commit, PreparePosition = position.Prepare };
}
