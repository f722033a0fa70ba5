using Leads.Domain;
using Leads.Projections;

namespace Leads.Views;

/// <summary>
/// The read port of the lead views (the query service's side): one lead, leads by status with stable paging, a lead's
/// status history, the checkpoint (read-your-writes) and parked events. Every engine passes the same contract suite.
/// </summary>
public interface ILeadViewStore : ICheckpointReader, IParkedEventReader
{
    Task<LeadView?> GetLeadAsync(long leadId, CancellationToken cancellationToken);

    /// <summary>
    /// Leads in <paramref name="status"/> (all when null) ordered by lead id. <paramref name="pageSize"/> is 1 to
    /// <see cref="LeadPageToken.MaxPageSize"/>; <paramref name="pageToken"/> is null/empty for the first page or the
    /// previous page's token. A bad size is an <see cref="ArgumentOutOfRangeException"/>, a bad or foreign token an
    /// <see cref="InvalidPageTokenException"/>.
    /// </summary>
    Task<LeadPage> ListByStatusAsync(LeadStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>
    /// Leads in Follow-up with a follow-up date inside <paramref name="window"/>, ordered by that date, then lead id
    /// (leads in Follow-up without a date are not listed: nothing is due). Paging as <see cref="ListByStatusAsync"/>,
    /// with tokens of <see cref="FollowupPageToken"/>; a window that ends before it starts is an <see cref="ArgumentException"/>.
    /// </summary>
    Task<LeadPage> ListFollowupsAsync(FollowupWindow window, int pageSize, string? pageToken, CancellationToken cancellationToken);

    /// <summary>The lead's status changes in order; empty when the lead is unknown.</summary>
    Task<IReadOnlyList<StatusLogEntry>> GetStatusHistoryAsync(long leadId, CancellationToken cancellationToken);
}
