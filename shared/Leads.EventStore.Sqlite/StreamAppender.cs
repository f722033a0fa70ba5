using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// Decides and writes one append inside the writer's open transaction, with statements prepared once on the writer
/// connection and reused for every append.
/// </summary>
internal sealed class StreamAppender : IDisposable
{
    private readonly SqliteCommand _currentRevision;
    private readonly SqliteCommand _findEvent;
    private readonly SqliteCommand _idsFrom;
    private readonly SqliteCommand _insert;

    public StreamAppender(SqliteConnection writer)
    {
        _currentRevision = Prepare(writer, "SELECT max(revision) FROM events WHERE stream_id = $stream", "$stream");
        _findEvent = Prepare(writer, "SELECT stream_id, revision FROM events WHERE event_id = $id", "$id");
        _idsFrom = Prepare(writer, "SELECT event_id, seq FROM events WHERE stream_id = $stream AND revision >= $from ORDER BY revision LIMIT $limit", "$stream", "$from", "$limit");
        _insert = Prepare(
            writer,
            "INSERT INTO events (stream_id, revision, event_id, event_type, created, data, metadata) VALUES ($stream, $revision, $id, $type, $created, $data, $metadata) RETURNING seq",
            "$stream", "$revision", "$id", "$type", "$created", "$data", "$metadata");
    }

    /// <summary>Decides the append and, when it may go ahead, inserts its events stamped with <paramref name="createdTicks"/>.</summary>
    public void Append(PendingAppend append, long createdTicks)
    {
        var current = CurrentRevision(append.StreamId);
        var events = append.Events;

        if (FindEvent(events[0].EventId) is { } earlier)
        {
            DecideRetry(append, current, earlier);
            return;
        }

        if (!IsSatisfied(append.Expected, current))
        {
            append.Result = new AppendResult.WrongExpectedRevision(append.Expected, ToRevision(current));
            return;
        }

        var revision = current ?? -1;
        long sequence = 0;
        _insert.Parameters[0].Value = append.StreamId;
        _insert.Parameters[4].Value = createdTicks;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            revision++;
            _insert.Parameters[1].Value = revision;
            _insert.Parameters[2].Value = e.EventId;
            _insert.Parameters[3].Value = e.EventType;
            _insert.Parameters[5].Value = append.Rows[i].Data;
            _insert.Parameters[6].Value = append.Rows[i].Metadata;
            sequence = (long)_insert.ExecuteScalar()!;
        }

        append.Result = new AppendResult.Success((ulong)revision, GlobalPosition.FromSequence((ulong)sequence));
    }

    public void Dispose()
    {
        _currentRevision.Dispose();
        _findEvent.Dispose();
        _idsFrom.Dispose();
        _insert.Dispose();
    }

    /// <summary>
    /// The first event id is already stored. A retry (the same ids, in order, in this stream, at a place the
    /// expected revision allows) gets the original success; the same ids anywhere else are a wrong expected
    /// revision (as EventStoreDB answers a partly matching retry), and an id held by another stream is an error.
    /// </summary>
    private void DecideRetry(PendingAppend append, long? current, (string StreamId, long Revision) earlier)
    {
        if (!string.Equals(earlier.StreamId, append.StreamId, StringComparison.Ordinal))
        {
            append.Error = new InvalidOperationException(
                $"Event {append.Events[0].EventId} is already stored in another stream; event ids are unique across the store.");
            return;
        }

        if (IsPlacedAsExpected(append.Expected, earlier.Revision) && MatchesStoredIds(append, earlier.Revision) is { } lastSequence)
        {
            var lastRevision = earlier.Revision + append.Events.Count - 1;
            append.Result = new AppendResult.Success((ulong)lastRevision, GlobalPosition.FromSequence((ulong)lastSequence));
            return;
        }

        append.Result = new AppendResult.WrongExpectedRevision(append.Expected, ToRevision(current));
    }

    /// <summary>The sequence of the last event when the stream holds exactly these ids from <paramref name="firstRevision"/> on.</summary>
    private long? MatchesStoredIds(PendingAppend append, long firstRevision)
    {
        _idsFrom.Parameters[0].Value = append.StreamId;
        _idsFrom.Parameters[1].Value = firstRevision;
        _idsFrom.Parameters[2].Value = append.Events.Count;
        using var reader = _idsFrom.ExecuteReader();
        var index = 0;
        long sequence = 0;
        while (reader.Read())
        {
            if (reader.GetGuid(0) != append.Events[index].EventId)
            {
                return null;
            }

            sequence = reader.GetInt64(1);
            index++;
        }

        return index == append.Events.Count ? sequence : null;
    }

    private static bool IsPlacedAsExpected(ExpectedRevision expected, long firstRevision) => expected.Kind switch
    {
        ExpectedRevisionKind.NoStream => firstRevision == 0,
        ExpectedRevisionKind.StreamExists => firstRevision > 0,
        ExpectedRevisionKind.Exact => EventRows.ToInt64(expected.Revision) == firstRevision - 1,
        _ => true,
    };

    private static bool IsSatisfied(ExpectedRevision expected, long? current) => expected.Kind switch
    {
        ExpectedRevisionKind.NoStream => current is null,
        ExpectedRevisionKind.StreamExists => current is not null,
        ExpectedRevisionKind.Exact => current is { } c && (ulong)c == expected.Revision,
        _ => true,
    };

    private static ulong? ToRevision(long? current) => current is { } c ? (ulong)c : null;

    private long? CurrentRevision(string streamId)
    {
        _currentRevision.Parameters[0].Value = streamId;
        return _currentRevision.ExecuteScalar() is long revision ? revision : null;
    }

    private (string StreamId, long Revision)? FindEvent(Guid eventId)
    {
        _findEvent.Parameters[0].Value = eventId;
        using var reader = _findEvent.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
