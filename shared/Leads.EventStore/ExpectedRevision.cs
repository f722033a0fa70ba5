namespace Leads.EventStore;

/// <summary>What the writer believes about the stream before its append.</summary>
public readonly record struct ExpectedRevision
{
    private ExpectedRevision(ExpectedRevisionKind kind, ulong revision)
    {
        Kind = kind;
        Revision = revision;
    }

    public ExpectedRevisionKind Kind { get; }

    /// <summary>The exact 0-based revision of the stream's last event; meaningful only for <see cref="ExpectedRevisionKind.Exact"/>.</summary>
    public ulong Revision { get; }

    public static ExpectedRevision Any { get; } = new(ExpectedRevisionKind.Any, 0);
    public static ExpectedRevision NoStream { get; } = new(ExpectedRevisionKind.NoStream, 0);
    public static ExpectedRevision StreamExists { get; } = new(ExpectedRevisionKind.StreamExists, 0);
    public static ExpectedRevision Exact(ulong revision) => new(ExpectedRevisionKind.Exact, revision);

    /// <summary>NoStream when the stream has no events yet, else the exact revision.</summary>
    public static ExpectedRevision From(ulong? currentRevision) =>
        currentRevision is { } r ? Exact(r) : NoStream;

    public override string ToString() => Kind == ExpectedRevisionKind.Exact ? Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) : Kind.ToString();
}

public enum ExpectedRevisionKind
{
    Any,
    NoStream,
    StreamExists,
    Exact,
}
