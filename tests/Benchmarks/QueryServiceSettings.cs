using Leads.Testing;

namespace Leads.Benchmarks;

internal static class QueryServiceSettings
{
    /// <summary>
    /// The settings plus a free port for the query service's search page (its default, 5103, may be taken by another
    /// system running on the machine).
    /// </summary>
    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings) =>
        new(settings) { ["Leads:SearchPage:Url"] = $"http://127.0.0.1:{FreePort.Next()}" };
}
