namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// A request as a set of fields by number, each written by hand: start from a valid request, then replace or drop
/// the fields an attack is about. Written in field order, or shuffled (protobuf accepts any order).
/// </summary>
public sealed class Fields
{
    private readonly SortedDictionary<int, Action<WireMessage>> _fields = [];

    public Fields Int64(int field, long value) => Set(field, w => w.Int64(field, value));

    public Fields Int32(int field, int value) => Set(field, w => w.Int32(field, value));

    public Fields UInt64(int field, ulong value) => Set(field, w => w.Varint(field, value));

    public Fields Bool(int field, bool value) => Set(field, w => w.Varint(field, value ? 1UL : 0UL));

    public Fields String(int field, string value) => Set(field, w => w.String(field, value));

    public Fields Bytes(int field, byte[] value) => Set(field, w => w.Bytes(field, value));

    public Fields Message(int field, WireMessage value) => Set(field, w => w.Message(field, value));

    public Fields Without(int field)
    {
        _fields.Remove(field);
        return this;
    }

    public byte[] Build(Random random)
    {
        var writers = _fields.Values.ToList();
        if (random.Chance(0.2))
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(writers));
        }

        var message = WireMessage.Empty;
        foreach (var write in writers)
        {
            write(message);
        }

        return message.ToArray();
    }

    private Fields Set(int field, Action<WireMessage> write)
    {
        _fields[field] = write;
        return this;
    }
}
