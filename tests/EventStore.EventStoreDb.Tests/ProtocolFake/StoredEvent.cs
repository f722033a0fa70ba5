using Google.Protobuf;

namespace Leads.EventStore.EventStoreDb.Tests.ProtocolFake;

/// <summary>One event as the protocol fake keeps it: what a server would send back in a ReadResp.</summary>
public sealed record StoredEvent(
    string Stream,
    ulong Revision,
    ulong Commit,
    ulong Prepare,
    string Id,
    IReadOnlyDictionary<string, string> Metadata,
    ByteString CustomMetadata,
    ByteString Data)
{
    public string Type => Metadata["type"];

    public bool IsSystem => Stream.StartsWith('$') || Type.StartsWith('$');
}
