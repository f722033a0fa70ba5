using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Projections;

/// <summary><c>projections list | reset NAME [--from-position P | --from-time T] | pause NAME | resume NAME</c>.</summary>
internal static class ProjectionsCommands
{
    public static Command Build()
    {
        var projections = new Command("projections", "List and steer the projections (checkpoint, head, lag, state)");

        var list = new Command("list", "Every projection with its checkpoint, head, lag, state, last error and parked count");
        list.Action(async (parse, ct) => Show(await Endpoints.Admin(parse).ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: ct)));
        projections.Subcommands.Add(list);

        var name = new Argument<string>("NAME") { Description = "lead-views or lead-search" };
        var fromPosition = new Option<ulong?>("--from-position") { Description = "Replay events at or after this global position" };
        var fromTime = new Option<DateTimeOffset?>("--from-time") { Description = "Replay events recorded at or after this time (ISO 8601)" };
        var reset = new Command("reset", "Rewind a projection and replay it, with a progress bar until it has caught up") { name, fromPosition, fromTime };
        reset.Validators.Add(r =>
        {
            if (r.GetValue(fromPosition) is not null && r.GetValue(fromTime) is not null)
            {
                r.AddError("give --from-position or --from-time, not both");
            }
        });
        reset.Action(async (parse, ct) =>
        {
            var request = new ResetProjectionRequest { Name = parse.GetValue(name)! };
            if (parse.GetValue(fromPosition) is { } p)
            {
                request.FromPosition = p;
            }
            else if (parse.GetValue(fromTime) is { } t)
            {
                request.FromTime = Timestamp.FromDateTimeOffset(t);
            }
            else
            {
                request.FromStart = true;
            }

            var admin = Endpoints.Admin(parse);
            var reply = await admin.ResetProjectionAsync(request, cancellationToken: ct);
            Acknowledged("reset", reply);
            await RebuildProgress.FollowAsync(admin, request.Name, ct);
        });
        projections.Subcommands.Add(reset);

        var pauseName = new Argument<string>("NAME");
        var pause = new Command("pause", "Stop a projection from applying events (it keeps its checkpoint)") { pauseName };
        pause.Action(async (parse, ct) =>
            Acknowledged("pause", await Endpoints.Admin(parse).PauseProjectionAsync(new PauseProjectionRequest { Name = parse.GetValue(pauseName)! }, cancellationToken: ct)));
        projections.Subcommands.Add(pause);

        var resumeName = new Argument<string>("NAME");
        var resume = new Command("resume", "Let a paused projection catch up again") { resumeName };
        resume.Action(async (parse, ct) =>
            Acknowledged("resume", await Endpoints.Admin(parse).ResumeProjectionAsync(new ResumeProjectionRequest { Name = parse.GetValue(resumeName)! }, cancellationToken: ct)));
        projections.Subcommands.Add(resume);
        return projections;
    }

    public static void Acknowledged(string what, ProjectionRequestReply reply)
    {
        if (!reply.Acknowledged)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{what} of {reply.Projection.Name} is queued ({reply.RequestId}) but its projector has not picked it up: is it running?[/]");
        }
        else if (!reply.Succeeded)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{what} of {reply.Projection.Name} failed[/]: {reply.Result}");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"[green]{what} of {reply.Projection.Name} done[/] ({reply.RequestId}{(reply.Result.Length > 0 ? ": " + reply.Result : "")})");
        }
    }

    private static void Show(ListProjectionsReply reply)
    {
        var table = new Table().AddColumns("name", "state", "checkpoint", "head", "lag (events)", "lag (s)", "parked", "last error", "heartbeat");
        foreach (var p in reply.Projections)
        {
            table.AddRow(
                Markup.Escape(p.Name),
                p.State.ToString(),
                p.HasCheckpoint ? p.Checkpoint.ToString(CultureInfo.InvariantCulture) : "-",
                p.HasHead ? p.Head.ToString(CultureInfo.InvariantCulture) : "-",
                LagEvents(p),
                p.LagSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                p.ParkedCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(p.LastError),
                Run.Time(p.Heartbeat));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The event lag as the query service counted it: "10,000+" when the count stopped at its cap.</summary>
    internal static string LagEvents(ProjectionInfo projection) =>
        projection.LagEventsCapped
            ? projection.LagEvents.ToString("N0", CultureInfo.InvariantCulture) + "+"
            : projection.LagEvents.ToString(CultureInfo.InvariantCulture);
}
