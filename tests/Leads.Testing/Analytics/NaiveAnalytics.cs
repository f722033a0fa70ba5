using Leads.Analytics;
using Leads.Domain;
using Leads.Domain.Events;

namespace Leads.Testing.Analytics;

/// <summary>
/// The questions answered the slow, obvious way straight from the commands (generated, or read back from a store with
/// <see cref="HistoryCommand.FromRecorded"/>), independently of <see cref="LeadTimeline"/> and the stores: the reference
/// the projection is checked against, by its property test and by the end-to-end acceptance check.
/// </summary>
public sealed class NaiveAnalytics(IReadOnlyList<HistoryCommand> commands, DateOnly today)
{
    private readonly ILookup<long, HistoryCommand> _byLead = commands.ToLookup(c => c.LeadId);

    private static readonly LeadStatus[] Statuses = Enum.GetValues<LeadStatus>();

    public IReadOnlyDictionary<LeadStatus, long> Pipeline(DateOnly asOf)
    {
        var end = AnalyticsPeriod.EndOf(asOf);
        var counts = Statuses.ToDictionary(s => s, _ => 0L);
        foreach (var lead in _byLead)
        {
            var last = Changes(lead).LastOrDefault(c => c.At < end);
            if (last.At != default)
            {
                counts[last.Status]++;
            }
        }

        return counts;
    }

    public (long Created, long FollowUp, long Converted, long Closed, long Reopened, long Reopenings) Cohort(DateOnly from, DateOnly to)
    {
        var leads = _byLead.Where(l => Day(l.First().At) >= from && Day(l.First().At) <= to).ToList();
        long Reached(LeadStatus s) => leads.Count(l => Changes(l).Any(c => c.Status == s));
        var reopenings = leads.Select(l =>
        {
            var changes = Changes(l);
            return changes.Zip(changes.Skip(1)).Count(p => p.First.Status == LeadStatus.Closed && p.Second.Status == LeadStatus.Available);
        }).ToList();
        return (leads.Count, Reached(LeadStatus.FollowUp), Reached(LeadStatus.Converted), Reached(LeadStatus.Closed),
            reopenings.Count(r => r > 0), reopenings.Sum());
    }

    public (Dictionary<LeadStatus, List<double>> ByStatus, List<double> Conversions) Durations(DateOnly from, DateOnly to)
    {
        var byStatus = Statuses.ToDictionary(s => s, _ => new List<double>());
        var conversions = new List<double>();
        foreach (var lead in _byLead)
        {
            var changes = Changes(lead);
            foreach (var (current, next) in changes.Zip(changes.Skip(1)))
            {
                if (Day(next.At) >= from && Day(next.At) <= to)
                {
                    byStatus[current.Status].Add((next.At - current.At).TotalSeconds);
                }
            }

            var converted = changes.FirstOrDefault(c => c.Status == LeadStatus.Converted);
            if (converted.At != default && Day(converted.At) >= from && Day(converted.At) <= to)
            {
                conversions.Add((converted.At - lead.First().At).TotalSeconds);
            }
        }

        return (byStatus, conversions);
    }

    public FollowupDiscipline Followups(DateOnly from, DateOnly to)
    {
        long scheduled = 0, resolved = 0, rescheduled = 0, overdue = 0, open = 0;
        foreach (var lead in _byLead)
        {
            var status = (LeadStatus?)null;
            (DateOnly Due, bool Open)? pending = null;
            var ended = new List<(DateOnly Due, DateTimeOffset? EndedAt, bool Rescheduled)>();
            foreach (var command in lead)
            {
                foreach (var e in command.Events)
                {
                    if (e is FollowupSet f)
                    {
                        if (pending is { } p)
                        {
                            ended.Add((p.Due, command.At, true));
                        }

                        pending = (f.FollowupOn, true);
                    }
                    else if (e is StatusChanged s && s.Status != status)
                    {
                        if (status == LeadStatus.FollowUp && pending is { } p)
                        {
                            ended.Add((p.Due, command.At, false));
                            pending = null;
                        }

                        status = s.Status;
                    }
                }
            }

            if (pending is { } still)
            {
                ended.Add((still.Due, null, false));
            }

            foreach (var (due, endedAt, wasRescheduled) in ended.Where(x => x.Due >= from && x.Due <= to))
            {
                scheduled++;
                if (endedAt is { } at && at < AnalyticsPeriod.EndOf(due))
                {
                    _ = wasRescheduled ? rescheduled++ : resolved++;
                }
                else if (endedAt is not null || due < today)
                {
                    overdue++;
                }
                else
                {
                    open++;
                }
            }
        }

        return new FollowupDiscipline(scheduled, resolved, rescheduled, overdue, open);
    }

    public IReadOnlyList<CallerDay> Activity(DateOnly from, DateOnly to) =>
        [.. commands.Where(c => Day(c.At) >= from && Day(c.At) <= to)
            .GroupBy(c => (Day: Day(c.At), c.Caller))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Caller, StringComparer.Ordinal)
            .Select(g => new CallerDay(g.Key.Day, g.Key.Caller, g.Count()))];

    /// <summary>The lead's status changes that changed something (a change to the same status is none), in order.</summary>
    private static List<(DateTimeOffset At, LeadStatus Status)> Changes(IEnumerable<HistoryCommand> lead)
    {
        var changes = new List<(DateTimeOffset At, LeadStatus Status)>();
        foreach (var command in lead)
        {
            foreach (var s in command.Events.OfType<StatusChanged>())
            {
                if (changes.Count == 0 || changes[^1].Status != s.Status)
                {
                    changes.Add((command.At, s.Status));
                }
            }
        }

        return changes;
    }

    /// <summary>Nearest-rank median and 90th percentile, computed here without the production helper.</summary>
    public static DurationSummary Summary(IReadOnlyCollection<double> seconds)
    {
        if (seconds.Count == 0)
        {
            return new DurationSummary(0, 0, 0);
        }

        var sorted = seconds.Order().ToList();
        double Rank(double q) => sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Count)) - 1];
        return new DurationSummary(sorted.Count, Rank(0.5), Rank(0.9));
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
