using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>A read-only connection with its prepared queries. Rented from <see cref="ReadSessionPool"/> for one page.</summary>
internal sealed class ReadSession : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _streamForwards;
    private readonly SqliteCommand _streamBackwards;
    private readonly SqliteCommand _all;
    private readonly SqliteCommand _head;

    public ReadSession(SqliteConnection connection)
    {
        _connection = connection;
        _streamForwards = Prepare($"SELECT {EventRows.Columns} FROM events WHERE stream_id = $stream AND revision >= $from ORDER BY revision LIMIT $limit", "$stream", "$from", "$limit");
        _streamBackwards = Prepare($"SELECT {EventRows.Columns} FROM events WHERE stream_id = $stream AND revision <= $from ORDER BY revision DESC LIMIT $limit", "$stream", "$from", "$limit");
        _all = Prepare($"SELECT {EventRows.Columns} FROM events WHERE seq > $after ORDER BY seq LIMIT $limit", "$after", "$limit");
        _head = Prepare("SELECT max(seq) FROM events");
    }

    public List<RecordedEvent> ReadStreamPage(string streamId, ReadDirection direction, long fromRevision, int limit)
    {
        var command = direction == ReadDirection.Forwards ? _streamForwards : _streamBackwards;
        command.Parameters[0].Value = streamId;
        command.Parameters[1].Value = fromRevision;
        command.Parameters[2].Value = limit;
        return ReadPage(command, limit);
    }

    public List<RecordedEvent> ReadAllPage(long afterSequence, int limit)
    {
        _all.Parameters[0].Value = afterSequence;
        _all.Parameters[1].Value = limit;
        return ReadPage(_all, limit);
    }

    /// <summary>Up to <paramref name="limit"/> events matching <paramref name="filter"/> after a sequence, in order.</summary>
    public List<RecordedEvent> ReadFilteredPage(long afterSequence, int limit, SubscriptionFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {EventRows.Columns} FROM events WHERE seq > $after AND {FilterClause.For(filter, command)} ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadPage(command, limit);
    }

    /// <summary>The sequence of the last event matching <paramref name="filter"/>, or 0 when none does.</summary>
    public long ReadFilteredHeadSequence(SubscriptionFilter filter)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT seq FROM events WHERE {FilterClause.For(filter, command)} ORDER BY seq DESC LIMIT 1";
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    /// <summary>How many events matching <paramref name="filter"/> lie after a sequence, counting at most <paramref name="limit"/>.</summary>
    public long CountFiltered(long afterSequence, SubscriptionFilter filter, long limit)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM events WHERE seq > $after AND {FilterClause.For(filter, command)} LIMIT $limit)";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        return command.ExecuteScalar() is long count ? count : 0;
    }

    /// <summary>The sequence of the last event, or 0 when the store is empty.</summary>
    public long ReadHeadSequence() => _head.ExecuteScalar() is long sequence ? sequence : 0;

    public void Dispose()
    {
        _streamForwards.Dispose();
        _streamBackwards.Dispose();
        _all.Dispose();
        _head.Dispose();
        _connection.Dispose();
    }

    private static List<RecordedEvent> ReadPage(SqliteCommand command, int limit)
    {
        var page = new List<RecordedEvent>(Math.Min(limit, 64));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(EventRows.Read(reader));
        }

        return page;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
