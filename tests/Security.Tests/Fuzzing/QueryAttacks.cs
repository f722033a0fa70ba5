using System.Buffers.Text;
using System.Text;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>Attacks on the LeadQueries RPCs (field numbers from leads/v1/lead_queries.proto). Reads write nothing.</summary>
public static class QueryAttacks
{
    private static readonly Expectation NotFound = Expectation.Refused(StatusCode.NotFound);

    /// <summary>lead_id attacks shared by every RPC that takes one (field 1): never positive, or no such lead.</summary>
    public static IEnumerable<Attack> LeadId(Func<FuzzContext, Random, Fields> valid)
    {
        yield return new("lead_id <= 0", (c, r) =>
        {
            var id = HostileValues.NonPositiveId(r);
            return new(valid(c, r).Int64(1, id).Build(r), Expectation.Invalid, $"lead_id = {id}");
        });
        yield return new("missing fields", (c, r) => new(valid(c, r).Without(1).Build(r), Expectation.Invalid, "lead_id missing"));
        yield return new("huge numbers", (c, r) =>
        {
            var id = HostileValues.HugeId(r);
            return new(valid(c, r).Int64(1, id).Build(r), NotFound, $"lead_id = {id} (no such lead)");
        });
    }

    public static IEnumerable<Attack> PageSize(int field, int max, Func<FuzzContext, Random, Fields> valid)
    {
        yield return new("bad page sizes", (c, r) =>
        {
            var size = HostileValues.BadPageSize(r, max);
            return new(valid(c, r).Int32(field, size).Build(r), Expectation.Invalid, $"page_size = {size}");
        });
    }

    /// <summary>Page tokens that are not what the listing issued: junk, too long, not UTF-8, or a real one edited.</summary>
    public static IEnumerable<Attack> PageToken(int field, Func<FuzzContext, Random, Fields> valid, Func<FuzzContext, Random, (string Token, string Detail, Expectation Expect)> forged)
    {
        yield return new("bad page tokens", (c, r) =>
        {
            var token = r.Next(6) switch
            {
                0 => HostileValues.Plain(r, r.Next(1, 150)),
                1 => HostileValues.Oversized(r, 200),
                2 => "!!not base64!!",
                3 => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(HostileValues.Plain(r, r.Next(1, 60)))),
                4 => HostileValues.WithControlChar(r, "token"),
                _ => Base64Url.EncodeToString(RandomBytes(r, r.Next(1, 100))),
            };
            return new(valid(c, r).String(field, token).Build(r), Expectation.InvalidOrTooLarge, $"page_token: {CommandAttacks.Escaped(token)}");
        });
        yield return new("invalid UTF-8", (c, r) =>
        {
            var bytes = HostileValues.WithInvalidUtf8(r, "dG9rZW4");
            return new(valid(c, r).Bytes(field, bytes).Build(r), Expectation.Invalid, $"page_token: {Convert.ToHexString(bytes)}");
        });
        yield return new("forged page tokens", (c, r) =>
        {
            var (token, detail, expect) = forged(c, r);
            return new(valid(c, r).String(field, token).Build(r), expect, detail);
        });
    }

    public static string Base64(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A real token with one character changed (never to itself, never the last one, whose low bits may be unused).</summary>
    public static string Edited(Random random, string token)
    {
        var at = random.Next(token.Length - 1);
        var replacement = token[at] == 'A' ? 'B' : 'A';
        return token[..at] + replacement + token[(at + 1)..];
    }
}
