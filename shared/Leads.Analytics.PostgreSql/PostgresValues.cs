using Leads.EventStore;
using Npgsql;

namespace Leads.Analytics.PostgreSql;

/// <summary>How the PostgreSQL tables store values: positions as two bigints, times as <c>timestamptz</c> (UTC).</summary>
internal static class PostgresValues
{
    public static long Db(ulong value) => unchecked((long)value);

    public static ulong U64(long value) => unchecked((ulong)value);

    public static GlobalPosition Position(NpgsqlDataReader r, int commit) => new(U64(r.GetInt64(commit)), U64(r.GetInt64(commit + 1)));

    public static DateTimeOffset Time(NpgsqlDataReader r, int ordinal) => new(DateTime.SpecifyKind(r.GetDateTime(ordinal), DateTimeKind.Utc));

    public static object Utc(DateTimeOffset? time) => time is { } t ? t.UtcDateTime : DBNull.Value;

    public static object Value<T>(T? value)
        where T : struct => value is { } v ? v : DBNull.Value;

    public static void AddPosition(NpgsqlCommand command, string prefix, GlobalPosition position)
    {
        command.Parameters.AddWithValue(prefix + "_c", Db(position.Commit));
        command.Parameters.AddWithValue(prefix + "_p", Db(position.Prepare));
    }
}
