using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Views;
using Leads.Views.MongoDb;
using MongoDB.Bson;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>What the MongoDB view store sends for a forgotten lead: erased values only, statuses and times kept.</summary>
public sealed class ForgottenViewRequestShapeTests
{
    private static readonly DateTimeOffset T0 = new(2016, 11, 1, 9, 30, 0, TimeSpan.Zero);

    private static LeadReadModel Forgotten1410()
    {
        ILeadEvent[] events =
        [
            new LeadWasInitialized(1410), new NameChanged(1410, "Stefan Müller"), new StatusChanged(1410, LeadStatus.Available),
            new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"), new StatusChanged(1410, LeadStatus.Converted),
            new LeadForgotten(1410, "asked", T0, "ops", ["name", "email", "phone", "phone_digits"], ["NameChanged.v1@1"]),
        ];
        var contexts = events.Select((e, i) => ((object)e, new EventContext(
            "lead-1410", (ulong)i, GlobalPosition.FromSequence(10 + (ulong)i), Guid.NewGuid(), LeadEventTypes.Of(e), T0.AddSeconds(i), EventMetadata.Empty)));
        return LeadReadModelProjection.Definition.Fold("lead-1410", contexts);
    }

    [Fact]
    public void The_upsert_of_a_forgotten_lead_carries_erased_values_and_no_personal_data()
    {
        var update = Bson.Render(ViewRequests.LeadUpdate("lead-1410", Forgotten1410())).ToJson();

        Assert.DoesNotContain("stefan", update, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Müller", update, StringComparison.Ordinal);
        Assert.DoesNotContain("27243457", update, StringComparison.Ordinal);
        Assert.Contains("[erased]", update, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_log_of_a_forgotten_lead_is_sent_unchanged()
    {
        var model = Forgotten1410();

        Assert.Equal([LeadStatus.Available, LeadStatus.Converted], model.StatusLog.Entries.Select(e => e.Status));
    }
}
