using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Lookup;

/// <summary>
/// <c>lead get ID</c>, <c>lead history ID</c> (the audit log), <c>lead as-of ID (TIME | --revision R)</c> and
/// <c>lead export ID</c> (everything held on the lead, as JSON).
/// </summary>
internal static class LeadLookupCommands
{
    public static Command Build()
    {
        var lead = new Command("lead", "One lead: its view, its audit log, or how it was at a moment");

        var getId = new Argument<long>("ID");
        var get = new Command("get", "The lead's current view") { getId };
        get.Action(async (parse, ct) =>
        {
            var view = await Endpoints.Queries(parse).GetLeadAsync(new GetLeadRequest { LeadId = parse.GetValue(getId) }, cancellationToken: ct);
            var status = await Endpoints.Queries(parse).GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = view.LeadId }, cancellationToken: ct);
            Show(view.LeadId, view.Name, view.Email, view.Phone, view.Status, view.FollowupOn, view.Revision, view.Position, view.UpdatedAt);
            AnsiConsole.MarkupLine("[bold]status log[/]");
            foreach (var e in status.Entries)
            {
                AnsiConsole.MarkupLineInterpolated($"  {Run.Time(e.ChangedAt)}  {e.Status}");
            }
        });
        lead.Subcommands.Add(get);

        var historyId = new Argument<long>("ID");
        var pageSize = new Option<int>("--page-size") { DefaultValueFactory = _ => 100, Description = "Events per request (1-500)" };
        var history = new Command("history", "The lead's events in order, with who, when and the stored data") { historyId, pageSize };
        history.Action(async (parse, ct) =>
        {
            var table = new Table().AddColumns("rev", "position", "recorded", "type", "user / command", "data");
            var token = "";
            do
            {
                var page = await Endpoints.Queries(parse).GetLeadHistoryAsync(
                    new GetLeadHistoryRequest { LeadId = parse.GetValue(historyId), PageSize = parse.GetValue(pageSize), PageToken = token }, cancellationToken: ct);
                foreach (var e in page.Events)
                {
                    table.AddRow(e.Revision.ToString(CultureInfo.InvariantCulture), e.Position.ToString(CultureInfo.InvariantCulture), Run.Time(e.RecordedAt),
                        Markup.Escape(e.Type), Markup.Escape($"{e.Metadata.UserId} {e.Metadata.CommandId}".Trim()), Markup.Escape(e.DataJson));
                }

                token = page.NextPageToken;
            }
            while (token.Length > 0);

            AnsiConsole.Write(table);
        });
        lead.Subcommands.Add(history);

        var asOfId = new Argument<long>("ID");
        var time = new Argument<DateTimeOffset?>("TIME") { Description = "A moment (ISO 8601); events recorded at or before it count", Arity = ArgumentArity.ZeroOrOne };
        var revision = new Option<ulong?>("--revision") { Description = "A stream revision (0-based) instead of a moment" };
        var asOf = new Command("as-of", "The lead as it was at a moment or a revision, folded from the event store") { asOfId, time, revision };
        asOf.Validators.Add(r =>
        {
            if ((r.GetValue(time) is null) == (r.GetValue(revision) is null))
            {
                r.AddError("give either TIME or --revision");
            }
        });
        asOf.Action(async (parse, ct) =>
        {
            var request = new GetLeadAsOfRequest { LeadId = parse.GetValue(asOfId) };
            if (parse.GetValue(revision) is { } r)
            {
                request.Revision = r;
            }
            else
            {
                request.At = Timestamp.FromDateTimeOffset(parse.GetValue(time)!.Value);
            }

            var s = await Endpoints.Queries(parse).GetLeadAsOfAsync(request, cancellationToken: ct);
            Show(s.LeadId, s.Name, s.Email, s.Phone, s.Status, s.FollowupOn, s.Revision, s.Position, s.RecordedAt);
            AnsiConsole.MarkupLineInterpolated($"(revision {s.Revision} of {s.CurrentRevision})");
        });
        lead.Subcommands.Add(asOf);

        var exportId = new Argument<long>("ID");
        var export = new Command("export", "Everything held on the lead as one JSON document on standard output (leads.admin): leads lead export 1410 > 1410.json") { exportId };
        export.Action(async (parse, ct) =>
        {
            var reply = await Endpoints.Queries(parse).ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = parse.GetValue(exportId) }, cancellationToken: ct);
            await Console.Out.WriteLineAsync(reply.Json.AsMemory(), ct);
        });
        lead.Subcommands.Add(export);
        return lead;
    }

    private static void Show(long id, string name, string email, string phone, LeadStatus status, string followup, ulong revision, ulong position, Timestamp at)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("lead", id.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("name", Markup.Escape(name));
        grid.AddRow("email", Markup.Escape(email));
        grid.AddRow("phone", Markup.Escape(phone));
        grid.AddRow("status", status.ToString());
        grid.AddRow("follow-up", followup.Length == 0 ? "-" : followup);
        grid.AddRow("revision", revision.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("position", position.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("as of", Run.Time(at));
        AnsiConsole.Write(grid);
    }
}
