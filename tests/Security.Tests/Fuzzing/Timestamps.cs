namespace Leads.Security.Tests.Fuzzing;

/// <summary>google.protobuf.Timestamp by hand (seconds = 1, nanos = 2), including the ones outside its valid range.</summary>
public static class Timestamps
{
    public const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    public const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    public static WireMessage Of(long seconds, int nanos) => WireMessage.Empty.Int64(1, seconds).Int32(2, nanos);

    /// <summary>Seconds outside 0001-01-01 .. 9999-12-31, or nanos outside 0 .. 999,999,999.</summary>
    public static (WireMessage Value, string Detail) OutOfRange(Random random)
    {
        var (seconds, nanos) = random.Next(8) switch
        {
            0 => (long.MinValue, 0),
            1 => (long.MaxValue, 0),
            2 => (MinSeconds - 1, 0),
            3 => (MaxSeconds + 1, 0),
            4 => (1_700_000_000L, -1),
            5 => (1_700_000_000L, 1_000_000_000),
            6 => (0L, int.MinValue),
            _ => (MaxSeconds, int.MaxValue),
        };
        return (Of(seconds, nanos), $"seconds={seconds}, nanos={nanos}");
    }
}
