using Analytics.Tests.Support;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Testing;

namespace Analytics.Tests;

/// <summary>lead-analytics writes no personal data, in any table (as the engine's catalogue lists them) or file.</summary>
/// <remarks>Leads with distinctive names, emails and phones are projected, then every value and byte is searched.</remarks>
[Collection(AnalyticsCollection.Name)]
public sealed class AnalyticsPersonalDataTests(AnalyticsDatabases databases)
{
    private static readonly string[] Names = ["Quirinius Zabrowskyte", "Ottilie Vanderbrechtova"];
    private static readonly string[] Emails = ["quirinius.pii-probe@zabrowskyte.example", "ottilie.pii-probe@vanderbrecht.example"];
    private static readonly string[] Phones = ["+49 171 5550193", "0171-5550193", "+31 6 55503387"];
    private static readonly string[] PhoneDigits = ["491715550193", "01715550193", "31655503387"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each probe, and the parts of it that would still identify the person.</summary>
    private static readonly string[] Probes =
        [.. Names, .. Names.SelectMany(n => n.Split(' ')), .. Emails, .. Emails.Select(e => e.Split('@')[0]), .. Phones, .. PhoneDigits];

    [Theory]
    [MemberData(nameof(AnalyticsDatabases.Engines), MemberType = typeof(AnalyticsDatabases))]
    public async Task No_name_email_or_phone_is_in_any_analytics_table_or_file(string engine)
    {
        await using var rig = new AnalyticsRig();
        using var analyticsFolder = new TempDirectory("leads-analytics-pii-");
        await using var store = await databases.OpenAsync(engine, analyticsFolder, Ct);
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        for (var i = 0; i < 2; i++)
        {
            var id = 7_300_001L + i;
            var metadata = new EventMetadata { UserId = "agent-" + i, CommandId = $"pii-{id}", RecordedAt = at.AddHours(i) };
            await LeadEvents.AppendDataAsync(rig.Events, id,
            [
                .. new ILeadEvent[]
                {
                    new LeadWasInitialized(id), new NameChanged(id, Names[i]), new ContactInfoChanged(id, Emails[i], Phones[i], PhoneDigits[i]),
                    new StatusChanged(id, LeadStatus.FollowUp), new FollowupSet(id, new DateOnly(2026, 3, 9)),
                    new ContactInfoChanged(id, Emails[1 - i], Phones[2], PhoneDigits[2]), new NameChanged(id, Names[1 - i]),
                }.Select(e => LeadEvents.Data(e, metadata)),
            ]);
        }

        await LeadEvents.AppendDataAsync(rig.Events, 7_300_001,
            LeadEvents.Data(new LeadForgotten(7_300_001, "asked", at.AddDays(1), "agent-0", ["name", "email", "phone", "phone_digits"], []), new EventMetadata { UserId = "agent-0" }));
        await rig.ProjectAllAsync(store.Store, Ct);

        var values = await AnalyticsTableScan.AllValuesAsync(store, Ct);
        var inTables = values.SelectMany(v => Probes.Where(p => v.Value.Contains(p, StringComparison.OrdinalIgnoreCase)).Select(p => $"{v.Column}: {p}")).ToList();
        var inFiles = await DataDirectoryScan.FindAsync(analyticsFolder.Path, Probes, Ct);

        // The scans can see what they look for: the caller in the tables, the probes in the event store's own file.
        Assert.NotEmpty(await DataDirectoryScan.FindAsync(rig.Directory.Path, [Emails[0]], Ct));
        Assert.Contains(values, v => v.Column == "lead_activity.caller" && v.Value == "agent-1");
        Assert.True(values.Count(v => v.Column == "leads.lead_id") == 2, "both leads are in the leads table");
        Assert.True(inTables.Count == 0, $"personal data in the {engine} analytics tables: {string.Join("; ", inTables)}");
        Assert.True(inFiles.Count == 0, $"personal data in the analytics files: {string.Join("; ", inFiles)}");
    }
}
