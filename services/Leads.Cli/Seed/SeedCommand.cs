using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Seed;

/// <summary>
/// <c>seed [--count N] [--first-id ID] [--concurrency C] [--history 2y|18m|90d|none] [--history-end DATE]</c>: the talk's
/// leads, then N generated ones, through the command service, several leads at a time. Generated leads live through
/// the history window (<see cref="HistoricLeads"/>; by default the two years before today), each step sent with its
/// business time in <c>x-leads-occurred-at</c> (the token needs leads.admin) and, when this tool mints its tokens, as
/// one of several callers; <c>--history none</c> writes them as happening now. Command ids are deterministic
/// (<c>seed-ID-STEP</c>, and <c>@END</c> for a dated history), so seeding again with the same window writes nothing; a
/// lead that already exists under other commands is left as it is.
/// </summary>
internal static class SeedCommand
{
    public static Command Build()
    {
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 0, Description = "Generated leads to add after the talk's leads" };
        var firstId = new Option<long>("--first-id") { DefaultValueFactory = _ => 100_000, Description = "Id of the first generated lead" };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 16, Description = "Leads written at the same time" };
        var history = new Option<string>("--history") { DefaultValueFactory = _ => "2y", Description = "How far back generated leads' lives reach: 2y, 18m, 90d, or none (all happens now)" };
        var historyEnd = new Option<string?>("--history-end") { Description = "The day the history window ends (it ends at that day's start, UTC; default today)" };
        var seed = new Command("seed", "Load demo data: the talk's leads (1410...) and N generated leads with two years of history") { count, firstId, concurrency, history, historyEnd };
        seed.Action(async (parse, ct) =>
        {
            var window = SeedWindow.Parse(parse.GetValue(history)!, parse.GetValue(historyEnd), DateOnly.FromDateTime(DateTime.UtcNow));
            var generated = Enumerable.Range(0, Math.Max(0, parse.GetValue(count))).Select(i => parse.GetValue(firstId) + i);
            var leads = TalkLeads.All.Select(l => (l.LeadId, Steps: (IReadOnlyList<DatedStep>)[.. l.Steps.Select(s => new DatedStep(s))], Suffix: ""))
                .Concat(generated.Select(id => window is { } w
                    ? (id, HistoricLeads.For(id, w.End, w.Days), "@" + w.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : (id, [.. GeneratedLeads.For(id).Select(s => new DatedStep(s))], "")))
                .ToList();
            var clients = new SeedClients(parse);
            var written = 0;
            var skipped = 0;
            var failures = new List<string>();
            ulong lastPosition = 0;
            var gate = new Lock();
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("seeding leads", maxValue: leads.Count);
                await Parallel.ForEachAsync(leads, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parse.GetValue(concurrency)), CancellationToken = ct }, async (lead, token) =>
                {
                    try
                    {
                        var (wrote, position) = await WriteAsync(clients, lead.Item1, lead.Item2, lead.Item3, token);
                        lock (gate)
                        {
                            _ = wrote ? written++ : skipped++;
                            lastPosition = Math.Max(lastPosition, position);
                        }
                    }
                    catch (RpcException e) when (e.StatusCode != StatusCode.Unavailable)
                    {
                        // One refused lead must not stop the others; the command ids make a rerun finish it.
                        lock (gate)
                        {
                            failures.Add($"lead {lead.Item1}: {e.StatusCode} {e.Status.Detail}");
                        }
                    }

                    task.Increment(1);
                });
            });
            AnsiConsole.MarkupLineInterpolated($"[green]{written} lead(s) seeded[/], {skipped} already there; last position {lastPosition}");
            foreach (var failure in failures.Take(20))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{failure}[/]");
            }

            if (failures.Count > 0)
            {
                throw new RpcException(new Grpc.Core.Status(StatusCode.Aborted, $"{failures.Count} lead(s) could not be seeded; run seed again to retry them"));
            }
        });
        return seed;
    }

    /// <summary>Writes one lead's steps in order; false when the lead already existed under other commands.</summary>
    private static async Task<(bool Written, ulong Position)> WriteAsync(SeedClients clients, long leadId, IReadOnlyList<DatedStep> steps, string suffix, CancellationToken cancellationToken)
    {
        ulong position = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var headers = step.At is { } at ? new Metadata { { SeedClients.OccurredAtHeader, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) } } : null;
            try
            {
                var reply = await step.Step(clients.As(step.Caller), string.Create(CultureInfo.InvariantCulture, $"seed-{leadId}-{i}{suffix}"), headers, cancellationToken);
                position = reply.Position;
            }
            catch (RpcException e) when (i == 0 && e.StatusCode == StatusCode.AlreadyExists)
            {
                return (false, 0);
            }
        }

        return (true, position);
    }
}
