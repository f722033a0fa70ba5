using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.Sqlite;
using static Leads.Views.Sqlite.ViewRows;

namespace Leads.Views.Sqlite;

/// <summary>
/// Lead views and status logs in an embedded SQLite file (WAL), with the view projector's checkpoint and parked events
/// beside them. The query side reads the views here; the projector writes through the generic
/// <see cref="SqliteProjectionStore{TDoc}"/> over the view documents (<see cref="SqliteLeadViews"/>) and the shared
/// checkpoint-and-parking tables (<see cref="SqliteProjectionLedger"/>): each batch's rows and its checkpoint are one
/// transaction. Each write is announced (<see cref="SqliteCommitSignal"/>), so that a read-your-writes wait in another
/// process wakes when the checkpoint moves instead of polling for it.
/// </summary>
public sealed class SqliteLeadViewStore : ILeadViewStore, IProjectionStore<LeadReadModel>, ICheckpointSignal
{
    /// <summary>The view projector's page cache: the views, their indexes and the status logs of 100,000 leads fit.</summary>
    private const int WriterCacheMegabytes = 32;

    private readonly ViewDatabase _database;
    private readonly SqliteProjectionStore<LeadReadModel> _projection;
    private readonly SqliteCommitSignal _signal;

    public SqliteLeadViewStore(string path, string projection = LeadReadModelProjection.Name)
    {
        _database = new ViewDatabase(path);
        _projection = new SqliteProjectionStore<LeadReadModel>(_database.Open, new SqliteLeadViews(), new SqliteProjectionLedger(projection), WriterCacheMegabytes);
        _signal = new SqliteCommitSignal(_database.Path);
    }

    /// <summary>The full path of the views file.</summary>
    public string Path => _database.Path;

    public Task<LeadView?> GetLeadAsync(long leadId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ViewColumns} FROM lead_views WHERE lead_id = $lead_id";
        command.Parameters.AddWithValue("$lead_id", leadId);
        using var r = command.ExecuteReader();
        return Task.FromResult(r.Read() ? ReadView(r) : null);
    }

    public Task<LeadPage> ListByStatusAsync(LeadStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        LeadPageToken.ValidatePageSize(pageSize);
        var after = LeadPageToken.Decode(pageToken, status);
        cancellationToken.ThrowIfCancellationRequested();
        var leads = ReadViews($"""
            SELECT {ViewColumns} FROM lead_views
            WHERE {(status is null ? "1 = 1" : "status = $status")} AND lead_id > $after
            ORDER BY lead_id LIMIT $limit
            """, [("$status", status is { } s ? (int)s : DBNull.Value), ("$after", after), ("$limit", pageSize + 1)]);
        string? next = null;
        if (leads.Count > pageSize)
        {
            leads.RemoveAt(pageSize);
            next = LeadPageToken.Encode(status, leads[^1].LeadId);
        }

        return Task.FromResult(new LeadPage(leads, next));
    }

    /// <summary>Served by the index <c>lead_views_by_followup</c> (status, follow-up date, lead id).</summary>
    public Task<LeadPage> ListFollowupsAsync(FollowupWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        LeadPageToken.ValidatePageSize(pageSize);
        var after = FollowupPageToken.Decode(pageToken, window);
        cancellationToken.ThrowIfCancellationRequested();
        var leads = ReadViews($"""
            SELECT {ViewColumns} FROM lead_views
            WHERE status = $follow_up AND followup_on >= $from AND followup_on <= $to
              AND (followup_on, lead_id) > ($after_date, $after_id)
            ORDER BY followup_on, lead_id LIMIT $limit
            """,
            [
                ("$follow_up", (int)LeadStatus.FollowUp),
                ("$from", window.From is { } from ? FollowupDate(from) : "0000-00-00"),
                ("$to", window.To is { } to ? FollowupDate(to) : "9999-99-99"),
                ("$after_date", after is { } a ? FollowupDate(a.Date) : ""),
                ("$after_id", after?.LeadId ?? 0),
                ("$limit", pageSize + 1),
            ]);
        return Task.FromResult(FollowupPageToken.Page(window, leads, pageSize));
    }

    private List<LeadView> ReadViews(string sql, (string Name, object Value)[] parameters)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var r = command.ExecuteReader();
        var leads = new List<LeadView>();
        while (r.Read())
        {
            leads.Add(ReadView(r));
        }

        return leads;
    }

    public Task<IReadOnlyList<StatusLogEntry>> GetStatusHistoryAsync(long leadId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        var history = SqliteLeadViews.ReadStatusLogs(connection, [leadId]);
        return Task.FromResult<IReadOnlyList<StatusLogEntry>>(history.TryGetValue(leadId, out var entries) ? entries : []);
    }

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => _projection.ReadCheckpointAsync(cancellationToken);

    /// <summary>The next write of any process to this file, once watched (the first read starts watching); null where it cannot be watched.</summary>
    public Task? NextCommit => _signal.TryWatchOtherProcesses() ? _signal.Next : null;

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        _projection.ListParkedAsync(streamId, cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => _projection.CountParkedAsync(cancellationToken);

    public bool KeepsDocuments => _projection.KeepsDocuments;

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken) =>
        _projection.LoadAsync(streamIds, cancellationToken);

    public Task CommitAsync(ProjectionCommit<LeadReadModel> commit, CancellationToken cancellationToken) =>
        AnnouncedAsync(_projection.CommitAsync(commit, cancellationToken));

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        _projection.ListStreamsChangedSinceAsync(from, cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        _projection.ReadLastPositionBeforeAsync(before, cancellationToken);

    public Task RewindAsync(ProjectionRewind<LeadReadModel> rewind, CancellationToken cancellationToken) =>
        AnnouncedAsync(_projection.RewindAsync(rewind, cancellationToken));

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadReadModel> replay, CancellationToken cancellationToken) =>
        AnnouncedAsync(_projection.CompleteParkedReplayAsync(replay, cancellationToken));

    /// <summary>Announces the write once it committed (a failed one moved nothing).</summary>
    private async Task AnnouncedAsync(Task write)
    {
        await write.ConfigureAwait(false);
        _signal.Announce();
    }
}
