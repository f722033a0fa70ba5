using Grpc.Core;
using Leads.CommandService.Grpc;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// Backfilled history (x-leads-occurred-at): an admin's business time travels in every event's metadata while the
/// store keeps recording now; a writer without leads.admin is refused, and a bad time is InvalidArgument; both write
/// nothing.
/// </summary>
[Collection(CommandServiceCollection.Name)]
public sealed class BackdatingTests(CommandServiceFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Metadata OccurredAt(string value) => new() { { OccurredAtHeader.Name, value } };

    private static InitializeLeadRequest Init(long leadId) => new() { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345" };

    [Fact]
    public async Task An_admins_occurred_at_is_in_every_event_of_the_command_and_the_recorded_time_stays_now()
    {
        var leadId = fixture.NewLeadId();
        using var admin = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Write, LeadsRoles.Admin], subject: "backfill"));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        await new LeadCommands.LeadCommandsClient(admin).InitializeLeadAsync(Init(leadId), OccurredAt("2025-03-14T09:30:00Z"), cancellationToken: Token);

        await using var store = fixture.OpenStore();
        var events = await store.ReadStreamAsync(LeadStream.Name(leadId));
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal((new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), true), (e.Metadata.OccurredAt, e.Created > before)));
    }

    [Fact]
    public void A_date_alone_means_its_midnight_utc_and_an_offset_is_kept_as_the_same_instant()
    {
        var dateOnly = OccurredAtHeader.Parse("2024-02-29", DateTimeOffset.UtcNow);
        var withOffset = OccurredAtHeader.Parse("2024-02-29T10:00:00+02:00", DateTimeOffset.UtcNow);

        Assert.Equal(
            (new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 29, 8, 0, 0, TimeSpan.Zero)),
            (dateOnly, withOffset));
    }

    [Fact]
    public async Task Without_the_header_no_event_carries_an_occurred_at()
    {
        var leadId = fixture.NewLeadId();

        await fixture.Client.InitializeAsync(leadId);

        await using var store = fixture.OpenStore();
        Assert.All(await store.ReadStreamAsync(LeadStream.Name(leadId)), e => Assert.Null(e.Metadata.OccurredAt));
    }

    [Fact]
    public async Task A_writer_without_leads_admin_sending_occurred_at_is_PermissionDenied_and_nothing_is_written()
    {
        var leadId = fixture.NewLeadId();
        using var writer = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Write]));

        var refused = await Calls.RefusedAsync(StatusCode.PermissionDenied, () =>
            new LeadCommands.LeadCommandsClient(writer).InitializeLeadAsync(Init(leadId), OccurredAt("2025-03-14"), cancellationToken: Token).ResponseAsync);

        Assert.Contains("x-leads-occurred-at backdates history and needs the leads.admin role", refused.Status.Detail, StringComparison.Ordinal);
        await using var store = fixture.OpenStore();
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
    }

    [Theory]
    [InlineData("14.03.2025", "x-leads-occurred-at must be an ISO 8601 date (2025-03-14) or date and time (2025-03-14T09:30:00Z); got '14.03.2025'")]
    [InlineData("2025-02-30", "x-leads-occurred-at must be an ISO 8601 date (2025-03-14) or date and time (2025-03-14T09:30:00Z); got '2025-02-30'")]
    [InlineData("1999-12-31T23:59:59Z", "x-leads-occurred-at must not be before 2000-01-01; got 1999-12-31T23:59:59.0000000+00:00")]
    [InlineData("2999-01-01", "x-leads-occurred-at must not be in the future; got 2999-01-01T00:00:00.0000000+00:00")]
    public async Task A_bad_occurred_at_is_InvalidArgument_naming_the_header_and_nothing_is_written(string value, string message)
    {
        var leadId = fixture.NewLeadId();
        using var admin = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Write, LeadsRoles.Admin]));

        var refused = await Calls.RefusedAsync(StatusCode.InvalidArgument, () =>
            new LeadCommands.LeadCommandsClient(admin).InitializeLeadAsync(Init(leadId), OccurredAt(value), cancellationToken: Token).ResponseAsync);

        Assert.StartsWith(message, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(OccurredAtHeader.Name, refused.Trailer(RpcErrors.FieldTrailer));
        await using var store = fixture.OpenStore();
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
    }
}
