using System.Globalization;
using System.Security.Cryptography;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The run's seed: <c>LEADS_FUZZ_SEED</c> when set (to replay a run), else a fresh one. Case <c>i</c> draws from its
/// own <see cref="Random"/> derived from the seed and <c>i</c>, so cases can be made in any order, in parallel, and
/// one case can be replayed alone.
/// </summary>
public static class FuzzSeed
{
    public const string Variable = "LEADS_FUZZ_SEED";
    public const string CountVariable = "LEADS_FUZZ_COUNT";

    public static long Current { get; } = long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : RandomNumberGenerator.GetInt32(1, int.MaxValue);

    public static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable(CountVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : defaultCount;

    /// <summary>The generator of case <paramref name="index"/> (SplitMix64 of seed and index: stable across runtimes).</summary>
    public static Random ForCase(long seed, int index)
    {
        var z = unchecked((ulong)seed + ((ulong)index * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random(unchecked((int)z ^ (int)(z >> 32)));
    }
}
