using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Seed;

/// <summary>
/// <c>seed [--count N] [--first-id ID] [--concurrency C]</c>: the talk's leads, then N generated ones, through the
/// command service, several leads at a time. Command ids are deterministic (<c>seed-ID-STEP</c>), so seeding again
/// writes nothing new; a lead that already exists under other commands is left as it is.
/// </summary>
internal static class SeedCommand
{
    public static Command Build()
    {
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 0, Description = "Generated leads to add after the talk's leads" };
        var firstId = new Option<long>("--first-id") { DefaultValueFactory = _ => 100_000, Description = "Id of the first generated lead" };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 16, Description = "Leads written at the same time" };
        var seed = new Command("seed", "Load demo data: the talk's leads (1410...) and N generated leads") { count, firstId, concurrency };
        seed.Action(async (parse, ct) =>
        {
            var commands = Endpoints.Commands(parse);
            var leads = TalkLeads.All
                .Concat(Enumerable.Range(0, Math.Max(0, parse.GetValue(count))).Select(i => parse.GetValue(firstId) + i).Select(id => (id, GeneratedLeads.For(id))))
                .ToList();
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
                        var (wrote, position) = await WriteAsync(commands, lead.Item1, lead.Item2, token);
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
    private static async Task<(bool Written, ulong Position)> WriteAsync(LeadCommands.LeadCommandsClient commands, long leadId, IReadOnlyList<SeedStep> steps, CancellationToken cancellationToken)
    {
        ulong position = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            try
            {
                var reply = await steps[i](commands, string.Create(CultureInfo.InvariantCulture, $"seed-{leadId}-{i}"), cancellationToken);
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
