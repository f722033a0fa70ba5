using System.Text;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Testing;
using Microsoft.Data.Sqlite;

namespace EndToEnd.Tests;

/// <summary>
/// A poison event: a lead event whose stored data no longer deserializes (here a truncated NameChanged payload,
/// appended straight to the store as a faulty producer would). Each projector retries it a few times, parks it,
/// holds back that lead's later events and keeps every other lead flowing. The fix on the embedded store is a repair
/// of the stored payload (same event id, type, revision and position, the data it should have had); ReplayParked
/// then re-reads the event from the store, applies it and releases the held events, completing the lead.
/// </summary>
/// <remarks>
/// On EventStoreDB events cannot be edited: there the fix is a projector release whose decoder understands the
/// payload (an upcaster in <c>LeadEventSerializer</c>), followed by the same ReplayParked.
/// </remarks>
[Collection(PlatformCollection.Name)]
public sealed class PoisonEventTests(LeadPlatform platform)
{
    private const long PoisonedLead = 5001;
    private const long HealthyLead = 5002;
    private static readonly string[] Projections = [LeadPlatform.ViewsProjection, LeadPlatform.SearchProjection];

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_event_is_parked_while_other_leads_continue_and_replaying_it_after_the_fix_completes_the_lead()
    {
        var created = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = PoisonedLead, Name = "Before Poison", Email = "poison@example.com", Phone = "0505 5001", CommandId = "e2e-poison-init",
        }, cancellationToken: Cancel);
        var poisonRevision = created.Revision + 1;
        await AppendAsync(poisonRevision, LeadEventTypes.NameChanged, Encoding.UTF8.GetBytes("{\"leadId\":5001,\"name\":"));
        await AppendAsync(poisonRevision + 1, LeadEventTypes.StatusChanged, LeadEventSerializer.Serialize(new StatusChanged(PoisonedLead, Leads.Domain.LeadStatus.FollowUp)));
        var healthy = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = HealthyLead, Name = "Healthy Neighbour", Email = "healthy@example.com", Phone = "0505 5002", CommandId = "e2e-poison-healthy",
        }, cancellationToken: Cancel);

        await platform.WaitForProjectionsAsync(healthy.Position, Cancel);
        var neighbour = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = HealthyLead }, cancellationToken: Cancel);
        var stuck = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = PoisonedLead }, cancellationToken: Cancel);
        var parked = await ParkedAsync();
        var projections = await platform.Admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: Cancel);

        Assert.Equal("Healthy Neighbour", neighbour.Name);
        Assert.Equal(("Before Poison", created.Revision), (stuck.Name, stuck.Revision));
        foreach (var projection in Projections)
        {
            var mine = parked.Where(p => p.Projection == projection).OrderBy(p => p.Revision).ToList();
            Assert.Equal([(poisonRevision, false), (poisonRevision + 1, true)], mine.Select(p => (p.Revision, p.Held)));
            Assert.NotEmpty(mine[0].Error);
            Assert.True(projections.Projections.Single(p => p.Name == projection).ParkedCount >= 2);
        }

        // Replaying before the fix changes nothing: the event fails again and stays parked, nothing loops.
        var early = await platform.Admin.ReplayParkedAsync(new ReplayParkedRequest { Name = LeadPlatform.ViewsProjection, LeadId = PoisonedLead }, cancellationToken: Cancel);
        Assert.True(early.Acknowledged, platform.Logs());
        Assert.Equal(2, (await ParkedAsync()).Count(p => p.Projection == LeadPlatform.ViewsProjection));

        RepairPayload(poisonRevision, LeadEventSerializer.Serialize(new NameChanged(PoisonedLead, "Repaired Name")));
        foreach (var projection in Projections)
        {
            var replay = await platform.Admin.ReplayParkedAsync(new ReplayParkedRequest { Name = projection, LeadId = PoisonedLead }, cancellationToken: Cancel);
            Assert.True(replay.Acknowledged && replay.Succeeded, $"{projection}: {replay.Result}{Environment.NewLine}{platform.Logs()}");
        }

        var completed = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = PoisonedLead }, cancellationToken: Cancel);
        var found = await Eventually.ReturnsAsync(
            async () =>
            {
                var reply = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = "repaired", PageSize = 10 }, cancellationToken: Cancel);
                return reply.Hits.FirstOrDefault(h => h.LeadId == PoisonedLead);
            },
            TimeSpan.FromSeconds(10),
            "the repaired name in search",
            Cancel);
        Assert.Empty(await ParkedAsync());
        Assert.Equal(("Repaired Name", Leads.Contracts.V1.LeadStatus.FollowUp, poisonRevision + 1), (completed.Name, completed.Status, completed.Revision));
        Assert.Equal(Leads.Contracts.V1.LeadStatus.FollowUp, found.Status);
    }

    private async Task<List<ParkedEvent>> ParkedAsync()
    {
        var reply = await platform.Admin.ListParkedAsync(new ListParkedRequest { LeadId = PoisonedLead }, cancellationToken: Cancel);
        return [.. reply.Events];
    }

    /// <summary>Appends straight to the event store file, as a producer other than the command service would.</summary>
    private async Task AppendAsync(ulong revision, string type, byte[] data)
    {
        await using var store = new SqliteEventStore(platform.EventsFile);
        var result = await store.AppendAsync(
            LeadStream.Name(PoisonedLead),
            ExpectedRevision.Exact(revision - 1),
            [new EventData(Guid.NewGuid(), type, data, new Leads.EventStore.EventMetadata { CorrelationId = "e2e-poison" })],
            Cancel);
        Assert.IsType<AppendResult.Success>(result);
    }

    /// <summary>The embedded store's repair of a corrupt payload: the event keeps its id, type, revision and position.</summary>
    private void RepairPayload(ulong revision, byte[] data)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = platform.EventsFile, DefaultTimeout = 10 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE events SET data = $data WHERE stream_id = $stream AND revision = $revision";
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$stream", LeadStream.Name(PoisonedLead));
        command.Parameters.AddWithValue("$revision", (long)revision);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
