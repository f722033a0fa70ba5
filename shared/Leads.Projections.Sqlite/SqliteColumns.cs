using Leads.EventStore;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>How projection files store values: positions as two integers, times as UTC ticks.</summary>
public static class SqliteColumns
{
    public static long Db(ulong value) => unchecked((long)value);

    public static ulong U64(long value) => unchecked((ulong)value);

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static GlobalPosition Position(SqliteDataReader r, int commit) => new(U64(r.GetInt64(commit)), U64(r.GetInt64(commit + 1)));

    /// <summary>Binds <paramref name="prefix"/><c>_c</c> and <paramref name="prefix"/><c>_p</c>.</summary>
    public static void AddPosition(SqliteCommand command, string prefix, GlobalPosition position)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.AddWithValue(prefix + "_c", Db(position.Commit));
        command.Parameters.AddWithValue(prefix + "_p", Db(position.Prepare));
    }
}
