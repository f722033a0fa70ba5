using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// <c>leads import FILE</c> through the real processes on the embedded engines: a 100,000-row file goes in and every
/// lead is then in the search index, bad rows are reported with line, field and message, and a second import of the
/// same file writes nothing.
/// </summary>
[Collection(SqliteImportCollection.Name)]
public sealed partial class BulkImportTests(SqlitePlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_of_100_000_rows_goes_in_and_every_lead_is_then_searchable()
    {
        const int Rows = 100_000;
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, $"fair-{Guid.NewGuid():N}.csv");
        var csv = new StringBuilder("name,email,phone,status,followup\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"\"Visitor {i}, Fair\",visitor{i}@fair.example,+49 30 {2_000_000 + i},{(i % 3 == 0 ? "Follow-up" : "")},{(i % 3 == 0 ? "2027-05-01" : "")}\n");
        }

        await File.WriteAllTextAsync(file, csv.ToString(), Cancel);

        // Under a minute on an idle two-core machine; the deadline leaves room for a machine shared with other builds.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var import = await CommandLineTool.RunAsync(platform, TimeSpan.FromMinutes(10), Cancel, "import", file);
        TestContext.Current.TestOutputHelper?.WriteLine($"imported {Rows} rows in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("imported 100,000 lead(s), 0 already imported, 0 row(s) rejected", import.Output, StringComparison.Ordinal);
        var position = ulong.Parse(LastPosition().Match(import.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        await platform.Admin.WaitForProjectionAsync(LeadPlatform.SearchProjection, position, TimeSpan.FromMinutes(10), platform.Logs, Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine($"searchable {clock.Elapsed.TotalSeconds:0.0} s after the import started");
        // The search projector has applied every imported event; a sample across the file finds each lead by its email
        // and by its phone, as the import wrote them.
        for (var i = 0; i < Rows; i += 997)
        {
            var byEmail = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = $"visitor{i}@fair.example", PageSize = 5 }, cancellationToken: Cancel);
            var hit = Assert.Single(byEmail.Hits);
            Assert.Equal($"Visitor {i}, Fair", hit.Name);
            Assert.Equal(i % 3 == 0 ? LeadStatus.FollowUp : LeadStatus.Available, hit.Status);
            var byPhone = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = $"4930{2_000_000 + i}", PageSize = 5 }, cancellationToken: Cancel);
            Assert.Equal(hit.LeadId, Assert.Single(byPhone.Hits).LeadId);
        }
    }

    [Fact]
    public async Task Rejected_rows_are_listed_with_line_field_and_message_and_a_second_import_writes_nothing()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, $"campaign-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, """
            Name,Email,Phone,Status,Followup
            Ada Lovelace,ada@campaign.example,+44 20 7946 0018,,
            ,nobody@campaign.example,12345,,
            "Grace ""Amazing"" Hopper",grace@campaign.example,(555) 010-9999,FOLLOW_UP,2027-03-01
            Bad Mail,not-an-email,12345,,
            Too,Many,Fields,Here,,x

            """, Cancel);

        var first = await CommandLineTool.RunAsync(platform, Cancel, "import", file);
        var head = await platform.Store.LastEventPositionAsync(Cancel);
        var again = await CommandLineTool.RunAsync(platform, Cancel, "import", file);

        Assert.True(first.ExitCode == 1, first.Output);
        Assert.Contains("imported 2 lead(s), 0 already imported, 3 row(s) rejected", first.Output, StringComparison.Ordinal);
        Assert.Contains("3\tname\t", first.Output, StringComparison.Ordinal);
        Assert.Contains("5\temail\temail 'not-an-email'", first.Output, StringComparison.Ordinal);
        Assert.Contains("6\trow\texpected 5 fields as in the header, got 6", first.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 1, again.Output);
        Assert.Contains("imported 0 lead(s), 2 already imported, 3 row(s) rejected", again.Output, StringComparison.Ordinal);
        Assert.Equal(head, await platform.Store.LastEventPositionAsync(Cancel));
        Assert.Equal(LeadStatus.FollowUp, (await platform.Queries.GetLeadAsync(
            new GetLeadRequest { LeadId = await LeadIdOfAsync("grace@campaign.example", head!.Value.Value), MinPosition = head.Value.Value }, cancellationToken: Cancel)).Status);
    }

    private async Task<long> LeadIdOfAsync(string email, ulong position)
    {
        await platform.WaitForProjectionAsync(LeadPlatform.SearchProjection, position, Cancel);
        var found = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = email, PageSize = 5 }, cancellationToken: Cancel);
        return Assert.Single(found.Hits).LeadId;
    }

    [GeneratedRegex(@"last position (\d+)")]
    private static partial Regex LastPosition();
}
