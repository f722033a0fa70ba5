using Xunit.Sdk;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// <see cref="Json.Equal"/> takes the forms Elasticsearch defines as one request as equal, and nothing else: a changed
/// field, value, order or clause still fails.
/// </summary>
public sealed class JsonComparisonTests
{
    [Theory]
    [InlineData("""{"term":{"kind":"lead"}}""", """{"term":{"kind":{"value":"lead"}}}""")]
    [InlineData("""{"sort":[{"leadId":"asc"}]}""", """{"sort":{"leadId":{"order":"asc"}}}""")]
    [InlineData("""{"_source":["doc"]}""", """{"_source":{"includes":"doc"}}""")]
    [InlineData("""{"bool":{"filter":[{"term":{"kind":"lead"}}]}}""", """{"bool":{"filter":{"term":{"kind":{"value":"lead"}}}}}""")]
    [InlineData("""{"name_words":{"filter":["lowercase"]}}""", """{"name_words":{"filter":"lowercase"}}""")]
    public void Forms_elasticsearch_reads_alike_compare_equal(string expected, string actual) => Json.Equal(expected, actual);

    [Theory]
    [InlineData("""{"term":{"kind":"lead"}}""", """{"term":{"kind":{"value":"parked"}}}""")]
    [InlineData("""{"term":{"kind":"lead"}}""", """{"term":{"kind":{"value":"lead","boost":2}}}""")]
    [InlineData("""{"sort":[{"leadId":"asc"}]}""", """{"sort":{"leadId":{"order":"desc"}}}""")]
    [InlineData("""{"sort":[{"posCommit":"asc"},{"posPrepare":"asc"}]}""", """{"sort":{"posCommit":{"order":"asc"}}}""")]
    [InlineData("""{"_source":["doc"]}""", """{"_source":{"includes":["doc","stream"]}}""")]
    [InlineData("""{"bool":{"filter":[{"term":{"kind":"lead"}},{"term":{"stream":"lead-9"}}]}}""", """{"bool":{"filter":{"term":{"kind":"lead"}}}}""")]
    [InlineData("""{"bool":{"filter":[{"term":{"kind":"lead"}}]}}""", """{"bool":{"must_not":{"term":{"kind":"lead"}}}}""")]
    public void A_changed_request_still_differs(string expected, string actual) =>
        Assert.Throws<FailException>(() => Json.Equal(expected, actual));
}
