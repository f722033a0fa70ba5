using System.Globalization;
using Leads.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>
/// How the analytics tests read the dashboard: its period, and each chart's text alternative (the table under it) as
/// rows of cells, an exact number where the cell keeps one (data-value) and the shown text elsewhere; and what those
/// rows must be for a <c>leads.v1.LeadAnalytics</c> answer, formatted as the page formats them (en-GB, the context's locale).
/// </summary>
public static class DashboardReading
{
    public static readonly string[] Cards = ["pipeline", "funnel", "time-in-status", "followups", "activity"];

    public sealed record Period(string From, string To, string Bucket);

    public static async Task<Period> PeriodAsync(IPage page) =>
        new(await page.Locator("#period-from").InputValueAsync(), await page.Locator("#period-to").InputValueAsync(), await page.Locator("#period-bucket").InputValueAsync());

    /// <summary>Waits until the page says it shows <paramref name="period"/> (every card answered); the period shown.</summary>
    public static async Task<Period> ShownAsync(IPage page, Period? period = null)
    {
        if (period is null)
        {
            await Expect(page.Locator("#analytics-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Showing|No lead history) "));
            return await PeriodAsync(page);
        }

        await Expect(page.Locator("#analytics-status")).ToHaveTextAsync($"Showing {period.From} to {period.To}, by {period.Bucket}.");
        return period;
    }

    public static async Task<IReadOnlyList<IReadOnlyList<string>>> RowsAsync(IPage page, string table)
    {
        var rows = await page.EvaluateAsync<string?[][][]>(
            "t => [...document.querySelectorAll(t + ' tbody tr')].map(r => [...r.cells].map(c => [c.textContent, c.dataset.value ?? null]))",
            table);
        return [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c[1] is { } value ? Exact(double.Parse(value, CultureInfo.InvariantCulture)) : c[0]!)])];
    }

    public static IReadOnlyList<IReadOnlyList<string>> Rows(PipelineReply reply) =>
        [.. reply.Points.Select(p => (IReadOnlyList<string>)[p.To, N(p.Leads.Available), N(p.Leads.FollowUp), N(p.Leads.Closed), N(p.Leads.Converted),
            N(p.Leads.Available + p.Leads.FollowUp + p.Leads.Closed + p.Leads.Converted)])];

    public static IReadOnlyList<IReadOnlyList<string>> Rows(FunnelReply reply) =>
        [.. reply.Cohorts.Select(c => (IReadOnlyList<string>)[c.From == c.To ? c.From : $"{c.From} – {c.To}", N(c.Created), N(c.ReachedFollowUp),
            N(c.Converted), N(c.Closed), N(c.Reopened), N(c.Reopenings), c.Created == 0 ? "—" : Exact(c.ConversionRate)])];

    public static IReadOnlyList<IReadOnlyList<string>> Rows(TimeInStatusReply reply)
    {
        var names = new Dictionary<LeadStatus, string>
        {
            [LeadStatus.Available] = "Available", [LeadStatus.FollowUp] = "Follow-up", [LeadStatus.Closed] = "Closed", [LeadStatus.Converted] = "Converted",
        };
        IReadOnlyList<string> Row(string label, DurationSummary d) =>
            [label, N(d.Count), d.Count > 0 ? Exact(d.MedianSeconds) : "—", d.Count > 0 ? Exact(d.P90Seconds) : "—"];
        return [.. reply.Statuses.Select(s => Row(names[s.Status], s.Duration)), Row("Creation to conversion", reply.CreationToConversion)];
    }

    public static IReadOnlyList<IReadOnlyList<string>> Rows(FollowupDisciplineReply reply)
    {
        IReadOnlyList<string> Row(string label, long count) => [label, N(count), Exact((double)count / reply.Scheduled)];
        return [Row("Resolved on time", reply.ResolvedOnTime), Row("Rescheduled on time", reply.Rescheduled), Row("Overdue", reply.Overdue),
            Row("Still open", reply.Open), Row("Scheduled", reply.Scheduled)];
    }

    /// <summary>Caller, commands and active days, ordered by caller (the page orders by commands; ties are the page's choice).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(ActivityReply reply) =>
        [.. reply.Rows.GroupBy(r => r.Caller.Length == 0 ? "(no caller recorded)" : r.Caller)
            .Select(g => (IReadOnlyList<string>)[g.Key, N(g.Sum(r => r.Commands)), N(g.Select(r => r.Day).Distinct().Count())])
            .OrderBy(r => r[0], StringComparer.Ordinal)];

    /// <summary>A count as en-GB groups it (1,234), which is how the invariant culture groups (the tests run without ICU).</summary>
    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
