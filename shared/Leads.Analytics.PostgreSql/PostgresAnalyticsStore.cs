using Leads.EventStore;
using Leads.Projections;
using Npgsql;

namespace Leads.Analytics.PostgreSql;

/// <summary>
/// lead-analytics' store in PostgreSQL: a batch's rows, parked events and checkpoint in one transaction; a rewind and
/// a parked replay likewise.
/// </summary>
internal sealed class PostgresAnalyticsStore(NpgsqlDataSource database) : IProjectionStore<LeadTimeline>
{
    private readonly PostgresLedger _ledger = new(LeadAnalyticsProjection.Name);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        ReadAsync(_ledger.ReadCheckpointAsync, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        ReadAsync((c, ct) => _ledger.ListParkedAsync(c, streamId, ct), cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => ReadAsync(_ledger.CountParkedAsync, cancellationToken);

    public bool KeepsDocuments => true;

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadTimeline>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken) =>
        ReadAsync((c, ct) => PostgresTimelines.LoadAsync(c, streamIds, ct), cancellationToken);

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        ReadAsync((c, ct) => PostgresTimelines.ListChangedSinceAsync(c, from, ct), cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        ReadAsync(async (c, ct) =>
        {
            var document = await PostgresTimelines.LastChangeBeforeAsync(c, before, ct).ConfigureAwait(false);
            var parked = await _ledger.LastParkedBeforeAsync(c, before, ct).ConfigureAwait(false);
            return document is { } d && (parked is not { } p || d > p) ? document : parked;
        }, cancellationToken);

    public Task CommitAsync(ProjectionCommit<LeadTimeline> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return WriteAsync(async (t, ct) =>
        {
            await PostgresTimelines.WriteAsync(t, [.. commit.Documents.Select(d => (d.Document, d.Position))], guarded: true, ct).ConfigureAwait(false);
            await _ledger.ParkAsync(t, commit.Parked, replace: false, ct).ConfigureAwait(false);
            await _ledger.SetCheckpointAsync(t, commit.Checkpoint, forwardOnly: true, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task RewindAsync(ProjectionRewind<LeadTimeline> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        return WriteAsync(async (t, ct) =>
        {
            // Put back the leads as they were before the reset, then remove what is still at or after it (leads
            // without events before it).
            var restored = rewind.Documents.Where(d => d.Document is not null && d.Position is not null).Select(d => (d.Document!, d.Position!.Value)).ToList();
            await PostgresTimelines.WriteAsync(t, restored, guarded: false, ct).ConfigureAwait(false);
            await PostgresTimelines.DeleteFromAsync(t, rewind.From, ct).ConfigureAwait(false);
            await _ledger.UnparkFromAsync(t, rewind.From, ct).ConfigureAwait(false);
            await _ledger.SetCheckpointAsync(t, rewind.Checkpoint, forwardOnly: false, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadTimeline> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return WriteAsync(async (t, ct) =>
        {
            if (replay.Document is { } document)
            {
                await PostgresTimelines.WriteAsync(t, [(document.Document, document.Position)], guarded: true, ct).ConfigureAwait(false);
            }

            await _ledger.UnparkAsync(t, replay.Applied, ct).ConfigureAwait(false);
            if (replay.StillFailing is { } failing)
            {
                await _ledger.ParkAsync(t, [failing], replace: true, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(Func<NpgsqlTransaction, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await write(transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
