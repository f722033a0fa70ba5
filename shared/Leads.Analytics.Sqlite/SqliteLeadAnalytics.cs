using Leads.Projections;
using Leads.Projections.Sqlite;

namespace Leads.Analytics.Sqlite;

/// <summary>
/// lead-analytics in <c>analytics.db</c> of a data directory: the projection's store (tables, checkpoint and parked
/// events in one transaction per batch) and the tables the questions read.
/// </summary>
public sealed class SqliteLeadAnalytics
{
    public SqliteLeadAnalytics(string path)
    {
        var database = new AnalyticsDatabase(path);
        Path = database.Path;
        Store = new SqliteProjectionStore<LeadTimeline>(database.Open, new SqliteAnalyticsDocuments(), new SqliteProjectionLedger(LeadAnalyticsProjection.Name), writerCacheMegabytes: 32);
        Tables = new SqliteAnalyticsTables(database);
    }

    public static SqliteLeadAnalytics InDataDirectory(string dataDirectory) => new(System.IO.Path.Combine(dataDirectory, AnalyticsDatabase.FileName));

    public string Path { get; }

    public IProjectionStore<LeadTimeline> Store { get; }

    public IAnalyticsTables Tables { get; }
}
