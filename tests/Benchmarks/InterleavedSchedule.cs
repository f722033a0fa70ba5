namespace Leads.Benchmarks;

/// <summary>
/// The order in which leads' events reach the log in real use, from a fixed seed so runs compare: leads arrive one
/// after another (a little jitter), and each lead's next event follows its previous one after a random gap (exponential,
/// mean <c>leads / 20</c> lead arrivals), so a lead's ten events are spread over about half of the log and any window of
/// the log touches many leads, each only once or twice.
/// </summary>
internal static class InterleavedSchedule
{
    public const int DefaultSeed = 20_260_301;

    /// <summary>Yields (lead index 0..leads-1, event index 0..eventsPerLead-1) in log order.</summary>
    public static IEnumerable<(int Lead, int Event)> Order(int leads, int eventsPerLead, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var meanGap = Math.Max(1.0, leads / 20.0);
        var due = new PriorityQueue<(int Lead, int Event), double>();
        var nextArrival = 0;
        while (nextArrival < leads || due.Count > 0)
        {
            // Admit every lead that arrives before the earliest event that is due.
            while (nextArrival < leads && (due.Count == 0 || nextArrival <= PeekTime(due)))
            {
                due.Enqueue((nextArrival, 0), nextArrival + random.NextDouble());
                nextArrival++;
            }

            due.TryDequeue(out var next, out var at);
            yield return next;
            if (next.Event + 1 < eventsPerLead)
            {
                var gap = -Math.Log(1.0 - random.NextDouble()) * meanGap;
                due.Enqueue((next.Lead, next.Event + 1), at + gap);
            }
        }
    }

    private static double PeekTime(PriorityQueue<(int Lead, int Event), double> due) =>
        due.TryPeek(out _, out var at) ? at : double.MaxValue;
}
