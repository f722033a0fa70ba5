using System.CommandLine;
using System.Globalization;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Lookup;

/// <summary><c>search QUERY</c>: by any name, email or phone a lead ever had.</summary>
internal static class SearchCommand
{
    public static Command Build()
    {
        var query = new Argument<string>("QUERY") { Description = "A name prefix, an email, or phone digits" };
        var size = new Option<int>("--page-size") { DefaultValueFactory = _ => 20, Description = "Hits (1-100)" };
        var search = new Command("search", "Find leads by any name, email or phone they ever had") { query, size };
        search.Action(async (parse, ct) =>
        {
            var reply = await Endpoints.Queries(parse).SearchLeadsAsync(
                new SearchLeadsRequest { Query = parse.GetValue(query)!, PageSize = parse.GetValue(size) }, cancellationToken: ct);
            var table = new Table().AddColumns("lead", "name", "status", "matched", "value", "");
            foreach (var h in reply.Hits)
            {
                table.AddRow(h.LeadId.ToString(CultureInfo.InvariantCulture), Markup.Escape(h.Name), h.Status.ToString(), h.MatchedField.ToString(),
                    Markup.Escape(h.MatchedValue), h.Historical ? "[yellow]historical[/]" : "current");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"{reply.Hits.Count} hit(s)");
        });
        return search;
    }
}
