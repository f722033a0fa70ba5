using Leads.Domain;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.ImportLeads;

/// <summary>
/// Writes a batch of imported leads: their keys in one call to the key store, their events sealed, then one append per
/// lead with expected revision <see cref="ExpectedRevision.NoStream"/> and derived event ids, all sent at once. That
/// append is the row's idempotency guard, and the only write per row: both stores decide it atomically, a new lead is
/// written once, and the same row imported again finds its own event ids at the start of the stream, which both stores
/// answer with the original result (counted as already imported: its position is at or before the head read before the
/// batch). A lead id held by other events is refused (AlreadyExists, as InitializeLead). On SQLite the appends sent at
/// once are group-committed by the store's one writer, hundreds of leads to a transaction; on EventStoreDB they go out
/// in parallel on the one connection.
/// </summary>
public sealed class ImportedLeadWriter(IEventStore store, LeadEventCodec codec)
{
    public async Task<ImportBatchResult> WriteAsync(IReadOnlyList<ImportedLead> leads, EventMetadata metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        if (leads.Count == 0)
        {
            return ImportBatchResult.None;
        }

        var head = (await store.ReadHeadPositionAsync(cancellationToken))?.Value ?? 0;
        var keys = await codec.KeysForAsync([.. leads.Select(l => l.LeadId)], cancellationToken);
        var sealedEvents = new IReadOnlyList<EventData>?[leads.Count];
        Parallel.For(0, leads.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => sealedEvents[i] = Seal(leads[i], keys[i], metadata));
        var appends = new Task<AppendResult>?[leads.Count];
        for (var i = 0; i < leads.Count; i++)
        {
            if (sealedEvents[i] is { } events)
            {
                appends[i] = store.AppendAsync(leads[i].StreamId, ExpectedRevision.NoStream, events, cancellationToken);
            }
        }

        await Task.WhenAll(appends.OfType<Task<AppendResult>>());
        var imported = 0;
        var already = 0;
        ulong position = 0;
        var rejected = new List<RejectedImportRow>();
        for (var i = 0; i < leads.Count; i++)
        {
            switch (appends[i]?.Result)
            {
                case null:
                    rejected.Add(new RejectedImportRow(leads[i].Line, "lead_id", DomainError.Forgotten(leads[i].LeadId).Message));
                    break;
                case AppendResult.Success success:
                    _ = success.Position.Value <= head ? already++ : imported++;
                    position = Math.Max(position, success.Position.Value);
                    break;
                case AppendResult.WrongExpectedRevision:
                    rejected.Add(new RejectedImportRow(leads[i].Line, "lead_id", $"lead {leads[i].LeadId} already exists (with other events than this row's)"));
                    break;
            }
        }

        return new ImportBatchResult(imported, already, rejected, position);
    }

    /// <summary>The lead's events as stored; null when its key was deleted (a forgotten lead's id).</summary>
    private static List<EventData>? Seal(ImportedLead lead, LeadKeyLookup key, EventMetadata metadata)
    {
        if (key.Key is null)
        {
            return null;
        }

        var events = new List<EventData>(lead.Events.Count);
        for (var i = 0; i < lead.Events.Count; i++)
        {
            var e = lead.Events[i];
            events.Add(new EventData(lead.EventIds[i], Domain.Events.LeadEventTypes.Of(e), LeadEventCodec.Seal(e, key), metadata));
        }

        return events;
    }
}
