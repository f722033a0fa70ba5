using Google.Protobuf.WellKnownTypes;
using System.Text;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.EventStore;
using Leads.Privacy;
using Leads.QueryService.Grpc;

namespace Leads.QueryService.LeadHistory;

/// <summary>
/// The audit log: a lead's events in stream order (or newest first), straight from the event store, with who/when/why
/// metadata and the stored JSON (personal data revealed through the codec, erased once the lead was forgotten). Paged
/// by stream revision: a token holds the next revision to read and the direction it was issued for, so a forward token
/// is refused for a newest-first listing and the other way round. Tokens are signed (<see cref="PageTokenSigner"/>).
/// </summary>
internal sealed class LeadHistoryQuery(IEventStore store, LeadEventCodec codec, PageTokenSigner tokens)
{
    public const int MaxPageSize = 500;
    private const string ForwardTokenKind = "history";
    private const string NewestFirstTokenKind = "history-newest-first";

    public async Task<LeadHistoryPage> RunAsync(GetLeadHistoryRequest request, CancellationToken cancellationToken)
    {
        RpcErrors.ThrowIfInvalidLeadId(request.LeadId);
        RpcErrors.ThrowIfInvalidPageSize(request.PageSize, MaxPageSize);
        var tokenKind = request.NewestFirst ? NewestFirstTokenKind : ForwardTokenKind;
        var token = PageToken.Decode(tokens.Open(request.PageToken), tokenKind, request.LeadId);
        var (direction, from) = request.NewestFirst
            ? (ReadDirection.Backwards, token is null ? StreamPosition.End : StreamPosition.At((ulong)token.Value.After))
            : (ReadDirection.Forwards, StreamPosition.At((ulong)(token?.After ?? 0)));

        var page = new LeadHistoryPage { LeadId = request.LeadId };
        var stream = LeadStream.Name(request.LeadId);
        RecordedEvent? extra = null;
        await foreach (var e in store.ReadStreamAsync(stream, direction, from, request.PageSize + 1L, cancellationToken))
        {
            if (page.Events.Count == request.PageSize)
            {
                extra = e;
                break;
            }

            page.Events.Add(ToProto(e, await RevealAsync(codec, e, cancellationToken)));
        }

        if (page.Events.Count == 0 && token is null)
        {
            throw RpcErrors.LeadNotFound(request.LeadId);
        }

        if (extra is not null)
        {
            page.NextPageToken = tokens.Sign(new PageToken(tokenKind, request.LeadId, (long)extra.StreamRevision).Encode());
        }

        return page;
    }

    /// <summary>The stored JSON with personal fields revealed (or "[erased]" once the lead was forgotten), never ciphertext.</summary>
    public static async Task<string> RevealAsync(LeadEventCodec codec, RecordedEvent e, CancellationToken cancellationToken)
    {
        try
        {
            return Encoding.UTF8.GetString((await codec.RevealAsync(e, cancellationToken)).Span);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or System.Security.Cryptography.CryptographicException)
        {
            throw RpcErrors.DataLoss(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"event {e.EventType} at revision {e.StreamRevision} of {e.StreamId} cannot be read ({ex.Message})"));
        }
    }

    public static LeadEvent ToProto(RecordedEvent e, string dataJson) => new()
    {
        Type = e.EventType,
        Revision = e.StreamRevision,
        Position = e.Position.Value,
        RecordedAt = e.Created.ToTimestamp(),
        Metadata = e.Metadata.ToProto(),
        DataJson = dataJson,
        EventId = e.EventId.ToString(),
    };
}
