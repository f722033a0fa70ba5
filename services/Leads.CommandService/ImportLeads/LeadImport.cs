using System.Diagnostics;
using Grpc.Core;
using Leads.CommandService.Handling;
using Leads.CommandService.Limits;
using Leads.Contracts.V1;
using EventMetadata = Leads.EventStore.EventMetadata;

namespace Leads.CommandService.ImportLeads;

/// <summary>
/// ImportLeads: reads the client's rows in batches of <see cref="BatchRows"/>, decides each (<see cref="ImportSession"/>),
/// charges the batch's rows to the caller's rate limit, and writes the accepted leads (<see cref="ImportedLeadWriter"/>)
/// while the next batch is read. Replies once, with the summary, when the client has sent its last row.
/// </summary>
public sealed class LeadImport(ImportedLeadWriter writer, CommandRateLimitInterceptor limits)
{
    public const int BatchRows = 1_000;
    public const int BatchesInFlight = 2;

    public async Task<ImportLeadsReply> ImportAsync(IAsyncStreamReader<ImportLeadRow> rows, CallerContext caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(caller);
        var session = new ImportSession();
        var writing = new Queue<Task<ImportBatchResult>>();
        var batch = new List<ImportedLead>(BatchRows);
        var received = 0;
        while (await rows.MoveNext(cancellationToken))
        {
            received++;
            if (session.Accept(rows.Current) is { } lead)
            {
                batch.Add(lead);
            }

            if (received == BatchRows)
            {
                await StartAsync(writing, batch, received, session, caller, cancellationToken);
                batch = new List<ImportedLead>(BatchRows);
                received = 0;
            }
        }

        await StartAsync(writing, batch, received, session, caller, cancellationToken);
        while (writing.Count > 0)
        {
            session.Record(await writing.Dequeue());
        }

        return session.ToReply();
    }

    /// <summary>
    /// Charges the batch's rows to the caller and starts writing it, with at most <see cref="BatchesInFlight"/> batches
    /// being written (one is sealed while the one before is committed); finished batches are recorded in order, by the
    /// reading loop only, so the session needs no lock.
    /// </summary>
    private async Task StartAsync(
        Queue<Task<ImportBatchResult>> writing, List<ImportedLead> batch, int received, ImportSession session, CallerContext caller, CancellationToken cancellationToken)
    {
        while (writing.Count >= BatchesInFlight)
        {
            session.Record(await writing.Dequeue());
        }

        await limits.ThrottleAsync(caller.Identity, received, cancellationToken);
        writing.Enqueue(writer.WriteAsync(batch, Metadata(session, caller), cancellationToken));
    }

    /// <summary>Who imported and under which key: the audit log shows <c>import:&lt;key&gt;</c> as the cause of each imported event.</summary>
    private static EventMetadata Metadata(ImportSession session, CallerContext caller) =>
        CommandMetadata.Caused("import:" + (session.ImportKey ?? "by-lead-id"), caller, Activity.Current);
}
