namespace Leads.EventStore.Sqlite;

/// <summary>One caller's append waiting for the writer; completed only after the batch holding it has committed.</summary>
internal sealed class PendingAppend(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    : TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string StreamId { get; } = streamId;
    public ExpectedRevision Expected { get; } = expected;
    public IReadOnlyList<EventData> Events { get; } = events;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// Each event's data and metadata as the bytes to bind, made by the caller's thread so the single writer thread
    /// only binds and steps.
    /// </summary>
    public (byte[] Data, object Metadata)[] Rows { get; } = [.. events.Select(e => (EventRows.Data(e.Data), EventRows.Metadata(e.Metadata)))];

    /// <summary>The outcome decided inside the transaction, reported once the transaction commits.</summary>
    public AppendResult? Result { get; set; }

    /// <summary>A failure of this append alone (its savepoint was rolled back).</summary>
    public Exception? Error { get; set; }

    public bool Skipped { get; set; }

    public void Report()
    {
        if (Skipped)
        {
            TrySetCanceled(CancellationToken);
        }
        else if (Error is not null)
        {
            TrySetException(Error);
        }
        else
        {
            TrySetResult(Result!);
        }
    }
}
