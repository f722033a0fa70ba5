namespace Leads.QueryService.Hosting;

/// <summary>The query service's ActivitySource and Meter name.</summary>
internal static class QueryServiceTelemetry
{
    public const string SourceName = "Leads.QueryService";
}
