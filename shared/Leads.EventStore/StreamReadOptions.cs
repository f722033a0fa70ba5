namespace Leads.EventStore;

public enum ReadDirection
{
    Forwards,
    Backwards,
}

/// <summary>Where a stream read starts: a revision (inclusive), or the start or end of the stream.</summary>
public readonly record struct StreamPosition
{
    private StreamPosition(ulong? revision, bool isEnd)
    {
        Revision = revision;
        IsEnd = isEnd;
    }

    public ulong? Revision { get; }
    public bool IsEnd { get; }

    public static StreamPosition Start { get; } = new(0, false);
    public static StreamPosition End { get; } = new(null, true);
    public static StreamPosition At(ulong revision) => new(revision, false);
}
