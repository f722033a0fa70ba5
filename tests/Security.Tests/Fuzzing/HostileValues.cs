using System.Text;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Values a hostile or broken client sends, drawn from a seeded <see cref="Random"/>. Each generator says what it
/// guarantees (e.g. <see cref="Oversized"/> is always longer than the limit it is given), so a case knows its outcome.
/// </summary>
public static class HostileValues
{
    public const int OneMiB = 1024 * 1024;

    private static readonly char[] ControlChars = ['\0', '\u0001', '\u0007', '\b', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f', '\t', '\n', '\r'];

    // Byte sequences that are not UTF-8: a lone continuation byte, overlong encodings, an encoded surrogate, a
    // sequence cut short, a code point above U+10FFFF, bytes that never occur in UTF-8.
    private static readonly byte[][] BadUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xFF, 0xFE],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -._'";

    public static T Pick<T>(this Random random, params ReadOnlySpan<T> choices) => choices[random.Next(choices.Length)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Printable ASCII letters and separators, <paramref name="length"/> long.</summary>
    public static string Plain(Random random, int length) =>
        string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Letters[r.Next(Letters.Length)];
            }

            span[0] = 'x';
            span[^1] = 'x';
        });

    /// <summary>Longer than <paramref name="limit"/> characters once trimmed; now and then 1 MiB and more.</summary>
    public static string Oversized(Random random, int limit) => Plain(random, random.Next(10) switch
    {
        0 => OneMiB + random.Next(1, 256 * 1024),
        1 or 2 => limit + 1,
        _ => limit + 1 + random.Next(1, 64 * 1024),
    });

    /// <summary>More than the 4 MiB a service accepts in one message.</summary>
    public static string BeyondMessageLimit(Random random) => Plain(random, (4 * OneMiB) + random.Next(1, 64 * 1024));

    /// <summary><paramref name="basis"/> (two characters or more) with a control character inside it, never at an end.</summary>
    public static string WithControlChar(Random random, string basis)
    {
        var at = random.Next(1, basis.Length);
        return basis[..at] + random.Pick(ControlChars) + basis[at..];
    }

    /// <summary>The UTF-8 of <paramref name="basis"/> with a sequence inside it that is not UTF-8.</summary>
    public static byte[] WithInvalidUtf8(Random random, string basis)
    {
        var at = random.Next(0, basis.Length + 1);
        var bad = random.Pick(BadUtf8);
        return [.. Encoding.UTF8.GetBytes(basis[..at]), .. bad, .. Encoding.UTF8.GetBytes(basis[at..])];
    }

    /// <summary>Empty once trimmed.</summary>
    public static string Blank(Random random) => random.Pick("", " ", "   ", "\t", "\r\n", "\u00a0", "\u2003\u2009", " \u3000 ");

    public static long NonPositiveId(Random random) => random.Next(5) switch
    {
        0 => 0,
        1 => -1,
        2 => long.MinValue,
        3 => long.MinValue + 1,
        _ => -random.NextInt64(1, long.MaxValue),
    };

    /// <summary>A positive id far above any lead the tests create: well-formed, but no such lead.</summary>
    public static long HugeId(Random random) => random.Next(4) switch
    {
        0 => long.MaxValue,
        1 => long.MaxValue - random.Next(1, 1000),
        2 => 1L << 53,
        _ => random.NextInt64(1L << 40, long.MaxValue),
    };

    public static ulong HugeRevision(Random random) => random.Next(5) switch
    {
        0 => ulong.MaxValue,
        1 => long.MaxValue,
        2 => (ulong)long.MaxValue + 1,
        3 => uint.MaxValue,
        _ => (ulong)random.NextInt64(1_000_000, long.MaxValue),
    };

    /// <summary>Not a member of LeadStatus (LEAD_STATUS_UNSPECIFIED excluded: it is valid somewhere).</summary>
    public static int UnknownEnumNumber(Random random) => random.Next(6) switch
    {
        0 => 5,
        1 => 99,
        2 => -1,
        3 => int.MaxValue,
        4 => int.MinValue,
        _ => random.Next(7, int.MaxValue),
    };

    public static int BadPageSize(Random random, int max) => random.Next(6) switch
    {
        0 => 0,
        1 => -1,
        2 => int.MinValue,
        3 => int.MaxValue,
        4 => max + 1,
        _ => random.Next(max + 2, int.MaxValue),
    };

    public static string BadEmail(Random random) => random.Next(12) switch
    {
        0 => "not-an-email",
        1 => "a@b",
        2 => "@example.com",
        3 => "two@@example.com",
        4 => "user@example",
        5 => "sp ace@example.com",
        6 => "user@-example.com",
        7 => "user@example.c0m",
        8 => new string('l', 65) + "@example.com",
        9 => "user@" + new string('d', 250) + ".com",
        10 => "ü@example.com",
        _ => "user@exa mple.com",
    };

    public static string BadPhone(Random random) => random.Next(9) switch
    {
        0 => "1234",
        1 => new string('1', 21),
        2 => "03-CALL-ME",
        3 => "12+345678",
        4 => "++12345678",
        5 => "()-. ",
        6 => "１２３４５６７",
        7 => "12345#678",
        _ => new string('1', 5) + new string('-', 60),
    };

    public static string BadDate(Random random) => random.Next(14) switch
    {
        0 => "tomorrow",
        1 => "2030-13-01",
        2 => "2030-02-30",
        3 => "2030-1-1",
        4 => "30-01-01",
        5 => "2030-01-01T10:00",
        6 => "01/02/2030",
        7 => "0000-01-01",
        8 => "9999-99-99",
        9 => " 2030-01-01",
        10 => "２０３０-０１-０１",
        11 => "2030-00-10",
        12 => "+030-01-01",
        _ => "2030-01-32",
    };

    /// <summary>An idempotency key that is not 1 to 100 printable ASCII characters (and not empty: empty means none).</summary>
    public static string BadCommandId(Random random) => random.Next(5) switch
    {
        0 => Plain(random, 101 + random.Next(1000)),
        1 => "ключ-" + random.Next(),
        2 => WithControlChar(random, "key-" + random.Next()),
        3 => "key\u00a0" + random.Next(),
        _ => "emoji-\U0001F600",
    };
}
