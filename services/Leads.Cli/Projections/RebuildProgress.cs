using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Projections;

/// <summary>A live progress bar of a projection's replay, until its checkpoint has reached the head.</summary>
internal static class RebuildProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public static async Task FollowAsync(ProjectionAdmin.ProjectionAdminClient admin, string name, CancellationToken cancellationToken)
    {
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"replaying {name}", maxValue: 1);
                while (true)
                {
                    var reply = await admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: cancellationToken);
                    var p = reply.Projections.Single(x => x.Name == name);
                    var from = p.HasRebuildFrom ? p.RebuildFrom : 0;
                    var target = p.HasRebuildTarget ? p.RebuildTarget : p.HasHead ? p.Head : 0;
                    var at = p.HasCheckpoint ? p.Checkpoint : 0;
                    task.MaxValue = Math.Max(1, target - Math.Min(from, target));
                    task.Value = Math.Min(task.MaxValue, at > from ? at - from : 0);
                    task.Description = $"replaying {name} ({at}/{target}, {p.State})";
                    if (p.State != ProjectionState.Rebuilding && p.HasHead && at >= p.Head)
                    {
                        task.Value = task.MaxValue;
                        return;
                    }

                    await Task.Delay(Poll, cancellationToken);
                }
            });
        AnsiConsole.MarkupLineInterpolated($"[green]{name} has caught up[/]");
    }
}
