using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Leads.EventStore;
using Leads.EventStore.Copy;
using Leads.EventStore.Hosting;
using Spectre.Console;

namespace Leads.Cli.Store;

/// <summary>
/// <c>store copy --from A --to B [--verify] [--follow] [--state FILE] [--streams P...]</c>: moves the whole history between the embedded
/// SQLite store and EventStoreDB (either way), resumable, then optionally compares both sides stream by stream. Works
/// on the stores directly, not through the services. Exit codes: 0 done (and identical), 1 a difference found by
/// <c>--verify</c>, 2 the target already holds other events for a stream, 130 stopped by Ctrl-C (run it again to go on).
/// </summary>
internal static class StoreCommands
{
    public static Command Build()
    {
        var from = new Option<string>("--from") { Required = true, Description = "The source: a SQLite file (e.g. .data/events.db) or esdb://host:2113?tls=false" };
        var to = new Option<string>("--to") { Required = true, Description = "The target: an esdb:// URL or a SQLite file" };
        var verify = new Option<bool>("--verify") { Description = "Afterwards compare source and target stream by stream (count, ids, a hash of the bytes)" };
        var follow = new Option<bool>("--follow") { Description = "After catching up, keep copying new events until Ctrl-C (for switching over)" };
        var state = new Option<string?>("--state") { Description = "Where the copy keeps its progress (default: .leads-store-copy-<hash>.json in the current directory)" };
        var streams = new Option<string[]>("--streams")
        {
            DefaultValueFactory = _ => [.. StoreCopyOptions.History.Prefixes], AllowMultipleArgumentsPerToken = true,
            Description = "Copy the streams whose names begin with these (default: lead- and command-, the whole history)",
        };
        var copy = new Command("copy", "Copy every lead stream, the same history, from one event store to another; resumable") { from, to, verify, follow, state, streams };
        copy.SetAction((parse, ct) => CopyAsync(
            new CopyRequest(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(verify), parse.GetValue(follow), parse.GetValue(state), parse.GetValue(streams)!), ct));
        return new Command("store", "The event store itself: copy a system's history to another store") { copy };
    }

    private static async Task<int> CopyAsync(CopyRequest request, CancellationToken cancellationToken)
    {
        var source = EventStoreLocation.FromConnectionString(request.From, Directory.GetCurrentDirectory());
        var target = EventStoreLocation.FromConnectionString(request.To, Directory.GetCurrentDirectory());
        if (source.Kind == EventStoreKind.Sqlite && !File.Exists(source.Where))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no event store at {source.Where}[/]");
            return 1;
        }

        if (source.ToString() == target.ToString())
        {
            AnsiConsole.MarkupLine("[red]--from and --to name the same store[/]");
            return 1;
        }

        var options = new StoreCopyOptions { Follow = request.Follow, Filter = SubscriptionFilter.StreamPrefix(request.Streams) };
        var stateFile = new CopyStateFile(request.State ?? DefaultStatePath(source, target), $"{source} {string.Join(",", request.Streams)}", target.ToString());
        var sourceEvents = source.Open();
        await using var closeSource = (IAsyncDisposable)sourceEvents;
        var targetEvents = target.Open();
        await using var closeTarget = (IAsyncDisposable)targetEvents;
        try
        {
            await CopyWithProgressAsync(new StoreCopier(sourceEvents, targetEvents, options), sourceEvents, options.Filter, stateFile, cancellationToken);
        }
        catch (StoreCopyConflictException conflict)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]refused[/]: {conflict.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]stopped[/]: progress kept in {stateFile.Path}; run the same command again to continue");
            return 130;
        }

        return request.Verify ? await VerifyAsync(sourceEvents, targetEvents, options.Filter, cancellationToken) : 0;
    }

    private static async Task CopyWithProgressAsync(
        StoreCopier copier, IEventStore source, SubscriptionFilter filter, CopyStateFile stateFile, CancellationToken cancellationToken)
    {
        var resumed = stateFile.Load();
        var total = resumed?.Events ?? 0;
        var remaining = await source.CountAsync(resumed?.Position, filter, long.MaxValue, cancellationToken);
        if (resumed is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"resuming after {resumed.Events} events already copied (position {resumed.Position})");
        }

        var clock = Stopwatch.StartNew();
        var sinceSave = Stopwatch.StartNew();
        var copiedNow = 0L;
        CopyState? last = resumed;
        var savedAt = total;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("copying", maxValue: Math.Max(1, remaining));
                try
                {
                    await copier.CopyAsync(resumed?.Position, (progress, _) =>
                    {
                        copiedNow += progress.Events;
                        total += progress.Events;
                        last = new CopyState(progress.Position, total);
                        task.MaxValue = Math.Max(task.MaxValue, copiedNow);
                        task.Value = copiedNow;
                        task.Description = $"copying: {total:N0} events, {copiedNow / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0}/s";
                        // At most a second or a thousand events are re-sent after a crash (and recognised by their ids).
                        if (sinceSave.Elapsed >= TimeSpan.FromSeconds(1) || total - savedAt >= 1_000)
                        {
                            stateFile.Save(last);
                            sinceSave.Restart();
                            savedAt = total;
                        }

                        return ValueTask.CompletedTask;
                    }, cancellationToken);
                }
                finally
                {
                    if (last is not null)
                    {
                        stateFile.Save(last);
                    }
                }
            });
        AnsiConsole.MarkupLineInterpolated(
            $"[green]copied {copiedNow:N0} events[/] in {clock.Elapsed.TotalSeconds:N1} s ({copiedNow / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} events/s); the target holds {total:N0} events of the source");
    }

    private static async Task<int> VerifyAsync(IEventStore source, IEventStore target, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        var result = await StoreComparison.CompareAsync(source, target, filter, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(
            $"verify: source {result.SourceStreams:N0} streams, {result.SourceEvents:N0} events; target {result.TargetStreams:N0} streams, {result.TargetEvents:N0} events");
        foreach (var difference in result.Differences)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]differs[/] {difference.StreamId}: {difference.What}");
        }

        AnsiConsole.MarkupLine(result.Identical ? "[green]identical[/]" : $"[red]{result.Differences.Count} stream(s) differ[/]");
        return result.Identical ? 0 : 1;
    }

    /// <summary>One progress file per pair of stores, so two different copies never take each other's.</summary>
    private static string DefaultStatePath(EventStoreLocation source, EventStoreLocation target)
    {
        var pair = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + target)))[..12];
        return Path.Combine(Directory.GetCurrentDirectory(), $".leads-store-copy-{pair}.json");
    }

    private sealed record CopyRequest(string From, string To, bool Verify, bool Follow, string? State, string[] Streams);
}
