using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Leads.EventStore.Copy;

/// <summary>
/// What one stream holds, as a copy must keep it: the event count and a SHA-256 over every event's revision, id,
/// type, data bytes, recorded time and the metadata fields we write (correlation, causation, user, trace, command id,
/// fingerprint). The first and last event ids say where a difference begins to look.
/// </summary>
public sealed class StreamDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Count { get; private set; }

    public Guid? FirstEventId { get; private set; }

    public Guid? LastEventId { get; private set; }

    public void Add(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        Span<byte> fixedPart = stackalloc byte[8 + 16 + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(fixedPart, recorded.StreamRevision);
        recorded.EventId.TryWriteBytes(fixedPart[8..]);
        BinaryPrimitives.WriteInt64LittleEndian(fixedPart[24..], recorded.Created.UtcTicks);
        _hash.AppendData(fixedPart);
        AddText(recorded.EventType);
        AddBytes(recorded.Data.Span);
        var m = recorded.Metadata;
        foreach (var field in new[] { m.CorrelationId, m.CausationId, m.UserId, m.TraceParent, m.TraceState, m.CommandId, m.CommandFingerprint })
        {
            AddText(field);
        }

        FirstEventId ??= recorded.EventId;
        LastEventId = recorded.EventId;
        Count++;
    }

    /// <summary>The hash so far, as lowercase hex.</summary>
    public string Hash() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();

    private void AddText(string? text)
    {
        if (text is null)
        {
            AddLength(-1);
            return;
        }

        AddBytes(Encoding.UTF8.GetBytes(text));
    }

    private void AddBytes(ReadOnlySpan<byte> bytes)
    {
        AddLength(bytes.Length);
        _hash.AppendData(bytes);
    }

    private void AddLength(int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        _hash.AppendData(prefix);
    }
}
