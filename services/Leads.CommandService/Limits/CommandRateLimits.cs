using System.Globalization;

namespace Leads.CommandService.Limits;

/// <summary>
/// How many commands each caller (token subject) may send: a token bucket refilled at
/// <c>Limits:CommandsPerSecondPerCaller</c> (default 50,000/s) holding <c>Limits:CommandBurstPerCaller</c> (default
/// 100,000). The defaults are above what one machine's event store takes, so benchmarks are never throttled; a
/// deployment sets limits that fit its callers, to stop one runaway client from starving the others.
/// </summary>
public sealed record CommandRateLimits(int PerSecond, int Burst)
{
    public const string PerSecondKey = "Limits:CommandsPerSecondPerCaller";
    public const string BurstKey = "Limits:CommandBurstPerCaller";
    public const int DefaultPerSecond = 50_000;
    public const int DefaultBurst = 100_000;

    public static CommandRateLimits From(IConfiguration configuration) =>
        new(Positive(configuration, PerSecondKey, DefaultPerSecond), Positive(configuration, BurstKey, DefaultBurst));

    private static int Positive(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is not { Length: > 0 } text
            ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{key} must be a positive whole number (got '{text}')");
}
