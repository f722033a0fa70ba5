using System.CommandLine;
using System.Globalization;
using Leads.Cli.Projections;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Parked;

/// <summary><c>parked list [--projection NAME] [--lead ID]</c> and <c>parked replay NAME [--lead ID]</c>.</summary>
internal static class ParkedCommands
{
    public static Command Build()
    {
        var parked = new Command("parked", "Events a projection could not apply, and the ones held behind them");

        var projection = new Option<string>("--projection") { Description = "Only this projection", DefaultValueFactory = _ => "" };
        var lead = new Option<long>("--lead") { Description = "Only this lead", DefaultValueFactory = _ => 0 };
        var list = new Command("list", "List parked events") { projection, lead };
        list.Action(async (parse, ct) =>
        {
            var reply = await Endpoints.Admin(parse).ListParkedAsync(
                new ListParkedRequest { Name = parse.GetValue(projection)!, LeadId = parse.GetValue(lead) }, cancellationToken: ct);
            var table = new Table().AddColumns("projection", "lead", "revision", "position", "type", "held", "attempts", "error");
            foreach (var e in reply.Events)
            {
                table.AddRow(Markup.Escape(e.Projection), e.LeadId.ToString(CultureInfo.InvariantCulture), e.Revision.ToString(CultureInfo.InvariantCulture),
                    e.Position.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.EventType), e.Held ? "held" : "failed",
                    e.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Error));
            }

            AnsiConsole.Write(table);
        });
        parked.Subcommands.Add(list);

        var name = new Argument<string>("NAME") { Description = "lead-views or lead-search" };
        var replayLead = new Option<long>("--lead") { Description = "Only this lead (default: every parked lead)", DefaultValueFactory = _ => 0 };
        var replay = new Command("replay", "Re-apply parked events with the projector's current code and release held ones") { name, replayLead };
        replay.Action(async (parse, ct) =>
            ProjectionsCommands.Acknowledged("replay", await Endpoints.Admin(parse).ReplayParkedAsync(
                new ReplayParkedRequest { Name = parse.GetValue(name)!, LeadId = parse.GetValue(replayLead) }, cancellationToken: ct)));
        parked.Subcommands.Add(replay);
        return parked;
    }
}
