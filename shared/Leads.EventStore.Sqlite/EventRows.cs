using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>How an event maps to and from a row of the <c>events</c> table.</summary>
internal static class EventRows
{
    /// <summary>The columns every read selects, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "seq, stream_id, revision, event_id, event_type, created, data, metadata";

    public static RecordedEvent Read(SqliteDataReader row)
    {
        var sequence = row.GetInt64(0);
        var metadata = row.IsDBNull(7)
            ? EventMetadata.Empty
            : JsonSerializer.Deserialize((byte[])row.GetValue(7), EventMetadataJsonContext.Default.EventMetadata) ?? EventMetadata.Empty;
        return new RecordedEvent(
            row.GetString(1),
            (ulong)row.GetInt64(2),
            GlobalPosition.FromSequence((ulong)sequence),
            row.GetGuid(3),
            row.GetString(4),
            metadata.RecordedAt ?? new DateTimeOffset(row.GetInt64(5), TimeSpan.Zero),
            (byte[])row.GetValue(6),
            metadata);
    }

    public static object Metadata(EventMetadata? metadata) =>
        metadata is null || metadata == EventMetadata.Empty
            ? DBNull.Value
            : JsonSerializer.SerializeToUtf8Bytes(metadata, EventMetadataJsonContext.Default.EventMetadata);

    /// <summary>The bytes to bind, without a copy when the memory is a whole array.</summary>
    public static byte[] Data(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    /// <summary>A revision or sequence from the port as a SQLite integer, saturating at the largest one.</summary>
    public static long ToInt64(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
