using System.Globalization;
using Leads.EventStore;

namespace Leads.Search.Lucene;

/// <summary>The checkpoint as Lucene commit user data: it is durable exactly when the documents of its commit are.</summary>
internal static class CheckpointCommitData
{
    private const string Commit = "checkpoint.commit";
    private const string Prepare = "checkpoint.prepare";
    private const string Format = "format";
    private const string FormatVersion = "lead-search.v1";

    public static Dictionary<string, string> From(GlobalPosition? checkpoint)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [Format] = FormatVersion };
        if (checkpoint is { } p)
        {
            data[Commit] = p.Commit.ToString(CultureInfo.InvariantCulture);
            data[Prepare] = p.Prepare.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }

    public static GlobalPosition? Read(IDictionary<string, string>? data) =>
        data is not null
        && data.TryGetValue(Commit, out var commit)
        && data.TryGetValue(Prepare, out var prepare)
        && ulong.TryParse(commit, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
        && ulong.TryParse(prepare, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? new GlobalPosition(c, p)
            : null;
}
