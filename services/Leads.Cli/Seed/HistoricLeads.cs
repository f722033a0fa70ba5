using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>
/// A generated lead's life over the history window (<c>--history</c>, ending at the start of <c>--history-end</c>),
/// the same for the same id and window: created on a day spread evenly over the window, in office hours, by one of
/// several callers; then, by chance, left Available, moved to Follow-up with a follow-up date (resolved on, before or
/// after its date, or left to pass while the lead is still in Follow-up), converted or closed after days or weeks, and
/// some closed leads reopened (Closed back to Available) and worked again. Steps that would fall after the window are
/// left out, so recent leads are still open.
/// </summary>
internal static class HistoricLeads
{
    public static IReadOnlyList<string> Callers { get; } = ["alice@sales.example", "bob@sales.example", "chen@sales.example", "dana@sales.example"];

    public static IReadOnlyList<DatedStep> For(long id, DateOnly end, int days)
    {
        var random = new Random(unchecked((int)id * 7919));
        var (name, email, phone) = GeneratedLeads.Person(id, random);
        var windowEnd = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var at = windowEnd.AddDays(-days + random.Next(days)).AddHours(8).AddMinutes(random.Next(10 * 60));
        var owner = Callers[random.Next(Callers.Count)];
        var steps = new List<DatedStep>();

        void Add(SeedStep step, double afterDays)
        {
            at = at.AddMinutes(Math.Max(1, afterDays * 24 * 60));
            // A colleague sometimes takes over the lead.
            steps.Add(new DatedStep(step, at, random.Next(5) == 0 ? Callers[random.Next(Callers.Count)] : owner));
        }

        steps.Add(new DatedStep(TalkLeads.Init(id, name, email, phone), at, owner));
        var status = LeadStatus.Available;
        void Move(LeadStatus to, double afterDays)
        {
            Add(TalkLeads.Status(id, to), afterDays);
            status = to;
        }

        for (var round = 0; round < 3 && status is LeadStatus.Available; round++)
        {
            var roll = random.Next(100);
            if (roll < 20)
            {
                break;  // left Available (a cold lead)
            }

            if (roll < 25)
            {
                Add(TalkLeads.Contact(id, email.Replace("@example.com", "@new.example.com", StringComparison.Ordinal), phone), random.Next(1, 30));
            }

            if (roll < 60)
            {
                Move(LeadStatus.FollowUp, random.NextDouble() * 5);
                var due = DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(2, 22));
                Add(TalkLeads.Followup(id, due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), 0.01);
                if (random.Next(4) == 0)
                {
                    break;  // nobody called back: the date passes while the lead is still in Follow-up
                }

                // Resolved a few days before, on, or (late) after the date.
                var resolvedAfter = (due.ToDateTime(TimeOnly.MinValue) - at.UtcDateTime).TotalDays + random.Next(-3, 6) + random.NextDouble();
                Move(random.Next(5) < 2 ? LeadStatus.Converted : LeadStatus.Closed, Math.Max(0.1, resolvedAfter));
            }
            else
            {
                Move(roll < 75 ? LeadStatus.Converted : LeadStatus.Closed, random.Next(1, 45) + random.NextDouble());
            }

            if (status is LeadStatus.Closed && random.Next(10) < 3)
            {
                Move(LeadStatus.Available, random.Next(10, 120));  // reopened: back in the pipeline
            }
        }

        return [.. steps.Where(s => s.At < windowEnd)];
    }
}
