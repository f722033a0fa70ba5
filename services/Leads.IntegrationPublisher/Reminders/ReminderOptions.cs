namespace Leads.IntegrationPublisher.Reminders;

/// <summary>The reminder process (section <c>Reminders</c> in configuration).</summary>
public sealed record ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Runs the reminder process in this publisher (its projection and its sweep).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Days after the follow-up date (from its start, UTC) at which a still untouched follow-up is overdue; fractions allowed.</summary>
    public double OverdueAfterDays { get; init; } = 2;

    /// <summary>How often the sweep looks for deadlines that have come (also once at start).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (!double.IsFinite(OverdueAfterDays) || OverdueAfterDays < 0 || OverdueAfterDays > 3650)
        {
            throw new InvalidOperationException($"Reminders:OverdueAfterDays must be 0 to 3650 days (got {OverdueAfterDays})");
        }

        if (SweepInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Reminders:SweepInterval must be positive (got {SweepInterval})");
        }
    }
}
