using System.Diagnostics;
using Leads.Contracts.V1;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// How fast a projector works through a seeded log: from the first checkpoint it reports inside the seeded range to the
/// checkpoint reaching the last seeded event's position (process start-up is left out; on EventStoreDB whatever the
/// node held before the seeded range is too). Measured by the checkpoint, not by the projector's state.
/// </summary>
internal static class CatchUp
{
    public static async Task<object> MeasureAsync(
        ProjectionAdmin.ProjectionAdminClient admin, string name, SeededLog seeded, ServiceProcess process, CancellationToken ct)
    {
        ulong? firstCheckpoint = null;
        var clock = Stopwatch.StartNew();
        var firstSeenAt = TimeSpan.Zero;
        var deadline = TimeSpan.FromMinutes(8);
        while (clock.Elapsed < deadline)
        {
            var info = (await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: ct)).Projections.FirstOrDefault(p => p.Name == name);
            if (info is { HasCheckpoint: true } && info.Checkpoint >= seeded.First.Commit)
            {
                if (firstCheckpoint is null)
                {
                    firstCheckpoint = info.Checkpoint;
                    firstSeenAt = clock.Elapsed;
                }

                if (info.Checkpoint >= seeded.Last.Commit)
                {
                    // Through the whole range by the first look (a short range read fast): too short to measure, and
                    // said so rather than reported as 0 events or as a rate that counts work done before the first look.
                    if (info.Checkpoint == firstCheckpoint)
                    {
                        return new
                        {
                            measured_from = "nothing: the projector was through the range at the first look (too short a range to measure)",
                            events_measured = 0,
                            seconds = (double?)null,
                            events_per_second = (double?)null,
                            peak_memory_mb = PeakMemory.Megabytes(process.ProcessId),
                        };
                    }

                    var seconds = (clock.Elapsed - firstSeenAt).TotalSeconds;
                    var events = seeded.EventsAfter(new GlobalPosition(firstCheckpoint!.Value, ulong.MaxValue));
                    return new
                    {
                        measured_from = "first checkpoint in range",
                        events_measured = events,
                        seconds = (double?)Math.Round(seconds, 2),
                        events_per_second = seconds > 0 ? (double?)Math.Round(events / seconds, 0) : null,
                        peak_memory_mb = PeakMemory.Megabytes(process.ProcessId),
                    };
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited during catch-up:{Environment.NewLine}{process.RecentOutput}");
            }

            await Task.Delay(20, ct);
        }

        throw new TimeoutException($"{name} did not reach {seeded.Last} within {deadline}");
    }

    /// <summary>Starts the view projector, then the search projector, each measured alone; the query service answers ListProjections.</summary>
    public static async Task<(object View, object Search, double? QueryServiceMemory)> BothAsync(
        IReadOnlyDictionary<string, string> settings, SeededLog seeded, string label, CancellationToken ct)
    {
        await using var query = await ServiceProcess.StartAsync("Leads.QueryService", QueryServiceSettings.With(settings), cancellationToken: ct);
        var admin = new ProjectionAdmin.ProjectionAdminClient(query.Channel);
        object view;
        await using (var views = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: ct))
        {
            view = await MeasureAsync(admin, "lead-views", seeded, views, ct);
        }

        Console.Error.WriteLine($"{label} view projector: {System.Text.Json.JsonSerializer.Serialize(view)}");
        object search;
        await using (var searcher = await ServiceProcess.StartAsync("Leads.SearchProjector", settings, cancellationToken: ct))
        {
            search = await MeasureAsync(admin, "lead-search", seeded, searcher, ct);
        }

        Console.Error.WriteLine($"{label} search projector: {System.Text.Json.JsonSerializer.Serialize(search)}");
        return (view, search, PeakMemory.Megabytes(query.ProcessId));
    }
}
