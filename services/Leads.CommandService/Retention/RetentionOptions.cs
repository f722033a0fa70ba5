namespace Leads.CommandService.Retention;

/// <summary>
/// The retention policy (<c>Privacy:*</c>): leads Closed for longer than <see cref="ForgetClosedAfterDays"/> are
/// forgotten automatically. Off unless that is set (days, fractions allowed: 0.5 is twelve hours).
/// </summary>
public sealed record RetentionOptions(double? ForgetClosedAfterDays, int BatchSize, TimeSpan PauseBetweenBatches, TimeSpan Interval)
{
    public const string Reason = "retention policy";

    /// <summary>The caller the erasure receipts name.</summary>
    public const string Caller = "retention-policy";

    public static RetentionOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var days = configuration.GetValue<double?>("Privacy:ForgetClosedAfterDays");
        if (days is <= 0)
        {
            throw new InvalidOperationException($"Privacy:ForgetClosedAfterDays must be a positive number of days, fractions allowed (got {days}); leave it unset to keep closed leads");
        }

        return new RetentionOptions(
            days,
            Math.Clamp(configuration.GetValue("Privacy:Retention:BatchSize", 20), 1, 500),
            configuration.GetValue("Privacy:Retention:PauseBetweenBatches", TimeSpan.FromSeconds(1)),
            configuration.GetValue("Privacy:Retention:Interval", TimeSpan.FromHours(1)));
    }

    /// <summary>The moment before which a lead must have been closed to be forgotten at <paramref name="now"/>; null when off.</summary>
    public DateTimeOffset? ClosedBefore(DateTimeOffset now) => ForgetClosedAfterDays is { } days ? now - TimeSpan.FromDays(days) : null;
}
