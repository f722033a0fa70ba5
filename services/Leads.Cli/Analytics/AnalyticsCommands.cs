using System.CommandLine;
using System.Globalization;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Analytics;

/// <summary>
/// <c>analytics pipeline --as-of D | --from D --to D [--bucket week]</c>, <c>analytics funnel --from D --to D
/// [--bucket month]</c>, <c>analytics time-in-status --from D --to D</c>: leads.v1.LeadAnalytics as terminal tables.
/// </summary>
internal static class AnalyticsCommands
{
    private static readonly Option<string> From = new("--from") { Description = "First day, YYYY-MM-DD (UTC)" };
    private static readonly Option<string> To = new("--to") { Description = "Last day, YYYY-MM-DD (UTC), included" };

    public static Command Build()
    {
        var analytics = new Command("analytics", "Sales-pipeline questions over the whole history (the lead-analytics projection)");
        analytics.Subcommands.Add(Pipeline());
        analytics.Subcommands.Add(Funnel());
        analytics.Subcommands.Add(TimeInStatus());
        return analytics;
    }

    private static LeadAnalytics.LeadAnalyticsClient Client(ParseResult parse) => Endpoints.Analytics(parse);

    private static Command Pipeline()
    {
        var asOf = new Option<string>("--as-of") { Description = "The day, YYYY-MM-DD: leads per status at its end" };
        var bucket = new Option<string>("--bucket") { DefaultValueFactory = _ => "week", Description = "day, week or month (with --from and --to)" };
        var command = new Command("pipeline", "Leads in each status at the end of a day, or of each bucket of a period") { asOf, From, To, bucket };
        command.Action(async (parse, ct) =>
        {
            var request = parse.GetValue(asOf) is { Length: > 0 } day
                ? new GetPipelineRequest { AsOf = day }
                : new GetPipelineRequest { From = parse.GetValue(From) ?? "", To = parse.GetValue(To) ?? "", Bucket = parse.GetValue(bucket) ?? "" };
            var reply = await Client(parse).GetPipelineAsync(request, cancellationToken: ct);
            var table = new Table().AddColumns("as of", "available", "follow-up", "closed", "converted", "total");
            foreach (var p in reply.Points)
            {
                var l = p.Leads;
                table.AddRow(p.To, N(l.Available), N(l.FollowUp), N(l.Closed), N(l.Converted), N(l.Available + l.FollowUp + l.Closed + l.Converted));
            }

            AnsiConsole.Write(table);
        });
        return command;
    }

    private static Command Funnel()
    {
        var bucket = new Option<string>("--bucket") { DefaultValueFactory = _ => "month", Description = "Cohorts by day, week or month" };
        var command = new Command("funnel", "Of the leads created in each bucket: how many reached Follow-up, Converted, Closed") { From, To, bucket };
        command.Action(async (parse, ct) =>
        {
            var reply = await Client(parse).GetFunnelAsync(
                new GetFunnelRequest { From = parse.GetValue(From) ?? "", To = parse.GetValue(To) ?? "", Bucket = parse.GetValue(bucket) ?? "" }, cancellationToken: ct);
            var table = new Table().AddColumns("cohort", "created", "follow-up", "converted", "closed", "reopened", "conversion");
            foreach (var c in reply.Cohorts)
            {
                table.AddRow($"{c.From}..{c.To}", N(c.Created), N(c.ReachedFollowUp), N(c.Converted), N(c.Closed), N(c.Reopened),
                    c.ConversionRate.ToString("P1", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
        });
        return command;
    }

    private static Command TimeInStatus()
    {
        var command = new Command("time-in-status", "Median and 90th percentile time in each status, and from creation to conversion") { From, To };
        command.Action(async (parse, ct) =>
        {
            var reply = await Client(parse).GetTimeInStatusAsync(
                new GetTimeInStatusRequest { From = parse.GetValue(From) ?? "", To = parse.GetValue(To) ?? "" }, cancellationToken: ct);
            var table = new Table().AddColumns("status", "intervals", "median", "p90");
            foreach (var s in reply.Statuses)
            {
                table.AddRow(s.Status.ToString(), N(s.Duration.Count), Span(s.Duration.MedianSeconds), Span(s.Duration.P90Seconds));
            }

            var c = reply.CreationToConversion;
            table.AddRow("creation to conversion", N(c.Count), Span(c.MedianSeconds), Span(c.P90Seconds));
            AnsiConsole.Write(table);
        });
        return command;
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Span(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalDays >= 1 ? $"{t.TotalDays:0.0} d" : t.TotalHours >= 1 ? $"{t.TotalHours:0.0} h" : $"{t.TotalMinutes:0} min";
    }
}
