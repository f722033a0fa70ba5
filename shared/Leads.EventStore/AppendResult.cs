namespace Leads.EventStore;

/// <summary>The outcome of an append. A wrong expected revision is an outcome, not an exception.</summary>
public abstract record AppendResult
{
    private AppendResult()
    {
    }

    /// <summary>The events are stored: <paramref name="NextExpectedRevision"/> is the revision of the last one.</summary>
    public sealed record Success(ulong NextExpectedRevision, GlobalPosition Position) : AppendResult;

    /// <summary>The stream was not where the writer expected. <paramref name="ActualRevision"/> is null when it does not exist.</summary>
    public sealed record WrongExpectedRevision(ExpectedRevision Expected, ulong? ActualRevision) : AppendResult;
}
