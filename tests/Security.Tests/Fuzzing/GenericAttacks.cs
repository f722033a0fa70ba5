using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Attacks every RPC gets, on the protobuf encoding itself: random bytes, a request cut short, invalid tags and wire
/// types, lengths past the end, varints longer than ten bytes, groups nested past any sane depth, and unknown fields
/// around a request that must be refused anyway. What cannot be parsed must be InvalidArgument; the generator checks
/// with the generated parser that it really cannot be.
/// </summary>
public static class GenericAttacks
{
    public static IEnumerable<Attack> For(MethodDescriptor rpc, RpcFuzzer fuzzer)
    {
        yield return new("garbage bytes", (c, r) => Unparseable(rpc, r, () => QueryAttacks.RandomBytes(r, r.Chance(0.9) ? r.Next(1, 64) : r.Next(64, 8192)), "random bytes"));
        yield return new("truncated messages", (c, r) =>
        {
            var whole = fuzzer.Sample(c, r);
            return Unparseable(rpc, r, () => whole.Length < 2 ? [0x0A] : whole[..r.Next(1, whole.Length)], $"{whole.Length} bytes cut short");
        });
        yield return new("invalid wire types", (c, r) =>
        {
            var (broken, detail) = BrokenEncoding(r);
            var sample = fuzzer.Sample(c, r);
            return Unparseable(rpc, r, () => [.. sample, .. broken], detail);
        });
        yield return new("unknown fields", (c, r) => UnknownFields(rpc, fuzzer, c, r));
    }

    /// <summary>Bytes from <paramref name="make"/> that the generated parser refuses (a few tries, then a tag of field 0).</summary>
    private static Hostile Unparseable(MethodDescriptor rpc, Random random, Func<byte[]> make, string detail)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var bytes = make();
            if (!Parses(rpc, bytes))
            {
                return new(bytes, Expectation.Invalid, detail);
            }
        }

        return new([0x00, .. QueryAttacks.RandomBytes(random, 8)], Expectation.Invalid, detail + " (then a tag of field 0)");
    }

    public static bool Parses(MethodDescriptor rpc, byte[] bytes)
    {
        try
        {
            rpc.InputType.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static (byte[] Bytes, string Detail) BrokenEncoding(Random random)
    {
        var field = random.Next(1, 20);
        switch (random.Next(7))
        {
            case 0:
                return (WireMessage.Empty.Tag((uint)(field << 3) | (uint)random.Pick(6, 7)).Varint(1, 1).ToArray(), "wire type 6 or 7");
            case 1:
                return (WireMessage.Empty.Tag(0).Raw([0x01]).ToArray(), "field number 0");
            case 2:
                // A length-delimited field claiming far more bytes than follow.
                return (WireMessage.Empty.Tag((uint)(field << 3) | 2).Varint(0, 0).ToArray()[..^2].Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x41 }).ToArray(), "length past the end");
            case 3:
                return ([(byte)(field << 3), .. Enumerable.Repeat((byte)0xFF, 11), 0x01], "varint longer than 10 bytes");
            case 4:
                var depth = random.Next(101, 2000);
                var start = WireMessage.Empty.Tag((uint)(500 << 3) | 3).ToArray();
                return ([.. Enumerable.Repeat(start, depth).SelectMany(b => b)], $"{depth} nested groups, never closed");
            case 5:
                return (WireMessage.Empty.Tag((uint)(field << 3) | 4).ToArray(), "end-group without a start");
            default:
                return (WireMessage.Empty.Tag((uint)(field << 3) | 5).Raw([0x01, 0x02]).ToArray(), "fixed32 cut short");
        }
    }

    /// <summary>
    /// A request this RPC must refuse, with fields the schema does not know around it: they change nothing, so the
    /// answer is the one the request gets without them.
    /// </summary>
    private static Hostile UnknownFields(MethodDescriptor rpc, RpcFuzzer fuzzer, FuzzContext context, Random random)
    {
        var refusable = fuzzer.Own.Where(a => a.Weight >= 1).ToList();
        var inner = refusable.Count > 0
            ? refusable[random.Next(refusable.Count)].Make(context, random)
            : new Hostile(fuzzer.Sample(context, random), Expectation.Tolerated, "valid request");
        var known = rpc.InputType.Fields.InFieldNumberOrder().Select(f => f.FieldNumber).ToHashSet();
        var extra = WireMessage.Empty;
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            var number = random.Pick(16, 99, 1000, 19_999, 536_870_911, random.Next(20, 100_000));
            if (known.Contains(number))
            {
                continue;
            }

            switch (random.Next(4))
            {
                case 0: extra.Varint(number, (ulong)random.NextInt64()); break;
                case 1: extra.Bytes(number, QueryAttacks.RandomBytes(random, random.Next(0, 300))); break;
                case 2: extra.Fixed64(number, (ulong)random.NextInt64()); break;
                default: extra.Tag((uint)(number << 3) | 5).Raw(QueryAttacks.RandomBytes(random, 4)); break;
            }
        }

        byte[] payload = random.Chance(0.5) ? [.. extra.ToArray(), .. inner.Payload] : [.. inner.Payload, .. extra.ToArray()];
        return inner with { Payload = payload, Detail = inner.Detail + $", with {count} unknown fields" };
    }
}
