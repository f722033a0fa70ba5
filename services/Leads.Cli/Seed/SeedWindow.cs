using System.Globalization;

namespace Leads.Cli.Seed;

/// <summary>The history window of generated leads: <see cref="Days"/> days ending at the start of <see cref="End"/> (UTC).</summary>
internal sealed record SeedWindow(DateOnly End, int Days)
{
    /// <summary>
    /// <paramref name="history"/> is <c>none</c> (null: no window) or a length <c>Ny</c>, <c>Nm</c> (30 days) or <c>Nd</c>,
    /// at most 20 years; <paramref name="end"/> a date yyyy-MM-dd, not after <paramref name="today"/> (default: today).
    /// </summary>
    public static SeedWindow? Parse(string history, string? end, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(history);
        var text = history.Trim().ToLowerInvariant();
        if (text is "none" or "0")
        {
            return null;
        }

        var days = text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? text[^1] switch { 'y' => n * 365, 'm' => n * 30, 'd' => n, _ => 0 }
            : 0;
        if (days is <= 0 or > 20 * 365)
        {
            throw new ArgumentException($"--history must be none or a length like 2y, 18m or 90d (at most 20y); got '{history}'");
        }

        var endDay = today;
        if (end is not null && !DateOnly.TryParseExact(end.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out endDay))
        {
            throw new ArgumentException($"--history-end must be a date yyyy-MM-dd; got '{end}'");
        }

        return endDay > today
            ? throw new ArgumentException($"--history-end must not be after today ({today:yyyy-MM-dd}); got {endDay:yyyy-MM-dd}")
            : new SeedWindow(endDay, days);
    }
}
