using System.Security.Cryptography;
using System.Text;

namespace Leads.IntegrationPublisher.Translation;

/// <summary>
/// Derives a message's id from its source event's id and the message kind, as a name-based UUID (RFC 9562 version 5,
/// SHA-1, the source event id as the namespace). The same event always yields the same ids, so a retry or a replay
/// republishes the same MessageIds and consumers deduplicate; one event that yields two messages gives two ids.
/// </summary>
public static class MessageIds
{
    public static Guid For(Guid sourceEventId, string messageKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageKind);
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(messageKind.Length)];
        sourceEventId.TryWriteBytes(input[..16], bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(messageKind, input[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
