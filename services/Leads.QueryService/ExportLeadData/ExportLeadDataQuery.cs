using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;
using Leads.QueryService.Grpc;
using Leads.QueryService.LeadHistory;
using Leads.Search;
using Leads.Views;

namespace Leads.QueryService.ExportLeadData;

/// <summary>
/// Everything the platform holds on one lead, as one JSON document (GDPR articles 15 and 20): its current view and
/// status log (the view projection), every event of its stream with metadata and the data decrypted (or "[erased]"),
/// what the search projection indexes for it, the integration messages the publisher sends about it, and the erasure
/// receipt of a forgotten lead. The event stream is the source: a lead without events is NotFound.
/// </summary>
internal sealed class ExportLeadDataQuery(IEventStore store, LeadEventCodec codec, ILeadViewStore views, TimeProvider clock)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ExportLeadDataReply> RunAsync(ExportLeadDataRequest request, CancellationToken cancellationToken)
    {
        RpcErrors.ThrowIfInvalidLeadId(request.LeadId);
        var events = new JsonArray();
        var revealed = new List<RecordedEvent>();
        var search = LeadSearchProjection.Initial(LeadStream.Name(request.LeadId));
        JsonObject? receipt = null;
        await foreach (var recorded in store.ReadStreamAsync(LeadStream.Name(request.LeadId), ReadDirection.Forwards, StreamPosition.At(0), long.MaxValue, cancellationToken))
        {
            var json = await LeadHistoryQuery.RevealAsync(codec, recorded, cancellationToken).ConfigureAwait(false);
            var entry = Proto(LeadHistoryQuery.ToProto(recorded, json));
            entry.Remove("dataJson");
            entry["data"] = JsonNode.Parse(json);
            events.Add(entry);
            revealed.Add(recorded with { Data = Encoding.UTF8.GetBytes(json) });
            var decoded = LeadEventSerializer.Deserialize(recorded.EventType, Encoding.UTF8.GetBytes(json));
            if (decoded is not null)
            {
                search = LeadSearchProjection.Evolve(search, decoded);
            }

            if (decoded is LeadForgotten forgotten)
            {
                receipt = Receipt(forgotten, recorded);
            }
        }

        if (events.Count == 0)
        {
            throw RpcErrors.LeadNotFound(request.LeadId);
        }

        var view = await views.GetLeadAsync(request.LeadId, cancellationToken).ConfigureAwait(false);
        var statusLog = await views.GetStatusHistoryAsync(request.LeadId, cancellationToken).ConfigureAwait(false);
        var document = new JsonObject
        {
            ["leadId"] = request.LeadId,
            ["exportedAt"] = clock.GetUtcNow(),
            ["forgotten"] = receipt is not null,
            ["view"] = view is null ? null : Proto(view.ToProto()),
            ["statusLog"] = new JsonArray([.. statusLog.Select(e => (JsonNode)new JsonObject
            {
                ["status"] = e.Status.ToString(),
                ["changedAt"] = e.ChangedAt,
                ["position"] = e.Position.Value,
            })]),
            ["events"] = events,
            ["search"] = Search(search),
            ["integrationMessages"] = IntegrationMessages.Of(revealed),
            ["erasureReceipt"] = receipt,
        };
        return new ExportLeadDataReply { LeadId = request.LeadId, Json = document.ToJsonString(Indented) };
    }

    private static JsonObject Proto(IMessage message) => JsonNode.Parse(Formatter.Format(message))!.AsObject();

    /// <summary>The search projection's document for the lead, folded from its events: what the search projector indexes.</summary>
    private static JsonObject Search(LeadSearchDocument document) => new()
    {
        ["source"] = "the search projection folded from the lead's events, as the search projector indexes it",
        ["name"] = document.Name,
        ["email"] = document.Email,
        ["phone"] = document.Phone,
        ["phoneDigits"] = document.PhoneDigits,
        ["status"] = document.Status?.ToString(),
        ["names"] = Known(document.Names),
        ["emails"] = Known(document.Emails),
        ["phones"] = Known(document.Phones),
    };

    private static JsonArray Known(IReadOnlyList<KnownValue> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value, ["key"] = v.Key, ["current"] = v.IsCurrent })]);

    /// <summary>The receipt as <c>GetErasureReceipt</c> gives it, read from the LeadForgotten event.</summary>
    private static JsonObject Receipt(LeadForgotten e, RecordedEvent recorded) =>
        JsonSerializer.SerializeToNode(new
        {
            e.LeadId,
            e.ErasedAt,
            e.ErasedBy,
            e.Reason,
            e.ErasedFields,
            e.ErasedEvents,
            Revision = recorded.StreamRevision,
            Position = recorded.Position.Value,
            KeyDeleted = true,
        }, Web)!.AsObject();
}
