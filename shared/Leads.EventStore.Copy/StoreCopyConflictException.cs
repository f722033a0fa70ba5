namespace Leads.EventStore.Copy;

/// <summary>The target already holds other events for a stream than the source: the copy stops and writes nothing more.</summary>
public sealed class StoreCopyConflictException(string streamId, ulong revision, ulong? targetRevision)
    : Exception($"the target already holds other events for stream {streamId}: copying its events from revision {revision} "
        + $"found the target's stream {(targetRevision is { } r ? $"at revision {r}" : "missing")}; nothing more was written")
{
    public string StreamId { get; } = streamId;
}
