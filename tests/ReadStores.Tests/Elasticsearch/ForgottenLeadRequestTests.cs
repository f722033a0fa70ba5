using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Search.Elasticsearch;
using Leads.Testing;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>What the Elasticsearch index sends for a forgotten lead: a source with no name, email or phone key to match.</summary>
public sealed class ForgottenLeadRequestTests
{
    [Fact]
    public void A_forgotten_lead_is_indexed_with_empty_keys_and_no_personal_data()
    {
        var forgotten = Leads.Testing.Contracts.SearchLeads.Fold(1, [.. LeadEvents.Story1410, new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["email"], [])]);

        var source = SearchRequests.LeadSource("lead-1410", forgotten, forgotten.Position);
        var json = source.ToJsonString();

        foreach (var keys in new[] { SearchFields.EmailCurrent, SearchFields.EmailHistorical, SearchFields.PhoneCurrent, SearchFields.PhoneHistorical, SearchFields.NameCurrent, SearchFields.NameHistorical })
        {
            Assert.True(source[keys] is null || source[keys]!.AsArray().Count == 0, $"{keys}: {source[keys]}");
        }

        Assert.DoesNotContain("stefan", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("27243457", json, StringComparison.Ordinal);
        Assert.Equal(GlobalPosition.FromSequence(9), forgotten.Position);
    }
}
