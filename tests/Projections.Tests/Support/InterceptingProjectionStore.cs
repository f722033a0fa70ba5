using Leads.EventStore;
using Leads.Projections;
using Leads.Views;

namespace Projections.Tests.Support;

/// <summary>A view store wrapper that records loads and commits and can fail some commits or forget its checkpoint (fault injection).</summary>
public sealed class InterceptingProjectionStore(IProjectionStore<LeadReadModel> inner) : IProjectionStore<LeadReadModel>
{
    private int _failuresLeft;

    public List<ProjectionCommit<LeadReadModel>> Commits { get; } = [];

    /// <summary>The streams each load asked for, in order.</summary>
    public List<IReadOnlyList<string>> Loads { get; } = [];

    /// <summary>Reads the checkpoint as missing, as if it had been lost: every event is delivered again.</summary>
    public bool ForgetCheckpoint { get; set; }

    public void FailNextCommits(int count) => Volatile.Write(ref _failuresLeft, count);

    public Task CommitAsync(ProjectionCommit<LeadReadModel> commit, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("injected store failure");
        }

        lock (Commits)
        {
            Commits.Add(commit);
        }

        return inner.CommitAsync(commit, cancellationToken);
    }

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        ForgetCheckpoint ? Task.FromResult<GlobalPosition?>(null) : inner.ReadCheckpointAsync(cancellationToken);

    public bool KeepsDocuments => inner.KeepsDocuments && !ForgetsDocuments;

    /// <summary>Declares that loads need not return what was committed, as an outbox store does.</summary>
    public bool ForgetsDocuments { get; set; }

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        lock (Loads)
        {
            Loads.Add([.. streamIds]);
        }

        return inner.LoadAsync(streamIds, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        inner.ListStreamsChangedSinceAsync(from, cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        inner.ReadLastPositionBeforeAsync(before, cancellationToken);

    public Task RewindAsync(ProjectionRewind<LeadReadModel> rewind, CancellationToken cancellationToken) => inner.RewindAsync(rewind, cancellationToken);

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadReadModel> replay, CancellationToken cancellationToken) =>
        inner.CompleteParkedReplayAsync(replay, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        inner.ListParkedAsync(streamId, cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => inner.CountParkedAsync(cancellationToken);
}
