using System.Buffers.Binary;
using Leads.EventStore.EventStoreDb.Protocol;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Event ids on the wire: we send the string form; we read both the string form and the structured one (the UUID's
/// 16 bytes in RFC 4122 order as two big-endian signed 64-bit halves).
/// </summary>
internal static class EventIdCodec
{
    public static UUID ToWire(Guid id) => new() { String = id.ToString("D") };

    public static Guid FromWire(UUID? id)
    {
        switch (id?.ValueCase)
        {
            case UUID.ValueOneofCase.String when Guid.TryParse(id.String, out var parsed):
                return parsed;
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes, id.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], id.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            default:
                throw new EventStoreDbException($"EventStoreDB sent an event id that is not a UUID: {id}", Grpc.Core.StatusCode.Unknown, "invalid-event-id");
        }
    }
}
