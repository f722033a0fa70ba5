using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Leads.Search;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>The documented _source shape of a search document (camelCase, enums as names), to read and fake answers.</summary>
public static class SearchIndexJsonForTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static JsonTypeInfo<LeadSearchDocument> Document { get; } = (JsonTypeInfo<LeadSearchDocument>)Options.GetTypeInfo(typeof(LeadSearchDocument));
}
