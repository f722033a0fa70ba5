using System.Text;
using Google.Protobuf;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// A protobuf payload written field by field, so it can carry what a generated message never would: string fields
/// holding invalid UTF-8, invalid wire types, enum numbers outside the enum, fields the schema does not know.
/// </summary>
public sealed class WireMessage
{
    private readonly MemoryStream _bytes = new();

    public static WireMessage Empty => new();

    public WireMessage Varint(int field, ulong value) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteUInt64(value);
    });

    public WireMessage Int64(int field, long value) => Varint(field, unchecked((ulong)value));

    /// <summary>An int32 or enum: negative values take ten bytes on the wire, as protobuf writes them.</summary>
    public WireMessage Int32(int field, int value) => Varint(field, unchecked((ulong)(long)value));

    public WireMessage Bytes(int field, ReadOnlySpan<byte> value)
    {
        var copy = ByteString.CopyFrom(value);
        return Write(o =>
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(copy);
        });
    }

    public WireMessage String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public WireMessage Message(int field, WireMessage nested) => Bytes(field, nested.ToArray());

    public WireMessage Fixed64(int field, ulong value) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.Fixed64);
        o.WriteFixed64(value);
    });

    /// <summary>A raw tag (field number and any wire type, also the invalid 6 and 7) and nothing after it.</summary>
    public WireMessage Tag(uint tag) => Write(o => o.WriteTag(tag));

    public WireMessage Raw(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private WireMessage Write(Action<CodedOutputStream> write)
    {
        using var output = new CodedOutputStream(_bytes, leaveOpen: true);
        write(output);
        output.Flush();
        return this;
    }
}
