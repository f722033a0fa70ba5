using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// ExportLeadData (the data subject's own data, GDPR articles 15 and 20) on the platform on SQLite: lead 1410 exported
/// as one JSON document with its view, status log, every event with metadata and decrypted data, what search indexes
/// and what the publisher sends; the precise errors; and <c>leads lead export 1410</c>. The forgotten lead's export is
/// asserted in <see cref="DiskErasureTests"/>.
/// </summary>
[Collection(SqlitePlatformCollection.Name)]
public sealed class ExportLeadDataTests(SqlitePlatform platform) : IDisposable
{
    private readonly LeadPlatform platform = platform.Running();
    private readonly Grpc.Net.Client.GrpcChannel admin = platform.QueryService.ChannelAs(LeadsRoles.Admin);

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lead_1410_exports_everything_the_platform_holds_on_it_as_one_json_document()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);

        var reply = await Admin().ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel);

        var export = JsonNode.Parse(reply.Json)!;
        Assert.Equal((1410L, false), (export["leadId"]!.GetValue<long>(), export["forgotten"]!.GetValue<bool>()));
        Assert.Equal(("Stefan Müller", LeadStory.NewEmail, LeadStory.NewPhone), (Text(export, "view", "name"), Text(export, "view", "email"), Text(export, "view", "phone")));
        Assert.Equal(["Available", "FollowUp", "Converted"], export["statusLog"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()));
        var events = export["events"]!.AsArray();
        Assert.Equal("LeadWasInitialized.v1", events[0]!["type"]!.GetValue<string>());
        // Proto JSON writes 64-bit numbers as strings.
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), events.Select(e => e!["revision"]!.GetValue<string>()));
        var contacts = events.Where(e => e!["data"]!["email"] is not null).ToList();
        Assert.Equal([LeadStory.OldEmail, LeadStory.NewEmail], contacts.Select(e => e!["data"]!["email"]!.GetValue<string>()));
        Assert.Equal("e2e-1410-contact", contacts[1]!["metadata"]!["commandId"]!.GetValue<string>());
        Assert.Equal(story.Converted.Position.ToString(CultureInfo.InvariantCulture), events[^1]!["position"]!.GetValue<string>());
        Assert.Equal([LeadStory.NewEmail, LeadStory.OldEmail], export["search"]!["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var published = export["integrationMessages"]!["messages"]!.AsArray().Select(m => m!["kind"]?.GetValue<string>()).ToList();
        Assert.Equal(2, published.Count(k => k == "LeadContactChanged.v1"));
        Assert.Contains("LeadConverted.v1", published);
        Assert.Null(export["erasureReceipt"]);
        Assert.DoesNotContain("pii1:", reply.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_lead_id_is_invalid_an_unknown_lead_not_found_and_a_reader_is_denied()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        using var reader = platform.QueryService.ChannelAs(LeadsRoles.Read);

        var bad = await LeadPlatform.FailsAsync(() => Admin().ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = -4 }, cancellationToken: Cancel).ResponseAsync);
        var unknown = await LeadPlatform.FailsAsync(() => Admin().ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = 987_654_321 }, cancellationToken: Cancel).ResponseAsync);
        var denied = await LeadPlatform.FailsAsync(() => new LeadQueries.LeadQueriesClient(reader)
            .ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "lead_id"), (bad.StatusCode, bad.Trailers.GetValue("field")));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.DoesNotContain("Stefan", denied.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_tool_writes_the_export_to_standard_output()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var (exitCode, output) = await CommandLineTool.RunAsync(platform, Cancel, "lead", "export", "1410");

        Assert.True(exitCode == 0, output);
        var export = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..(output.LastIndexOf('}') + 1)])!;
        Assert.Equal((1410L, LeadStory.NewEmail), (export["leadId"]!.GetValue<long>(), Text(export, "view", "email")));
    }

    public void Dispose() => admin.Dispose();

    private LeadQueries.LeadQueriesClient Admin() => new(admin);

    private static string Text(JsonNode node, string first, string second) => node[first]![second]!.GetValue<string>();
}
