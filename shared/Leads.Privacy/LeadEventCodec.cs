using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Privacy;

/// <summary>
/// The one place that turns lead events into stored bytes and back with their personal data protected: name, email,
/// phone and phone digits are sealed with the lead's key on write (<see cref="PersonalDataCipher"/>) and opened on read.
/// Every reader of lead events (command side, projectors, publisher, history, time travel) goes through
/// <see cref="RevealAsync"/> or <see cref="ReadAsync"/>. When the lead's key is deleted (the lead was forgotten) every
/// personal field reads as <see cref="PersonalData.Erased"/>, also plaintext written before encryption existed; a
/// missing key is never an exception. Keys are cached briefly (<see cref="LeadKeyCacheOptions"/>); an erasure this
/// process sees (LeadForgotten read, or its own deletion) is never undone by the cache.
/// </summary>
public sealed class LeadEventCodec
{
    /// <summary>How a sealed field value starts in the stored JSON (a string starting with the cipher's prefix).</summary>
    private static readonly byte[] SealedValueStart = System.Text.Encoding.UTF8.GetBytes("\"" + PersonalDataCipher.Prefix);

    /// <summary>Separates the digest key from the cipher key derived from the same data key.</summary>
    private static readonly byte[] DigestInfo = "leads keyed digest v1"u8.ToArray();

    private readonly ILeadKeyStore _keys;
    private readonly LeadKeyCache _cache;

    public LeadEventCodec(ILeadKeyStore keys, LeadKeyCacheOptions? options = null, TimeProvider? time = null)
    {
        _keys = keys;
        _cache = new LeadKeyCache(options ?? new LeadKeyCacheOptions(), time ?? TimeProvider.System);
    }

    /// <summary>The stored form of an event; throws <see cref="LeadErasedException"/> when the lead's key was deleted.</summary>
    public async Task<byte[]> SealAsync(ILeadEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        return CarriesPersonalData(LeadEventTypes.Of(e))
            ? Seal(e, await LookupAsync(e.LeadId, create: true, cancellationToken).ConfigureAwait(false))
            : LeadEventSerializer.Serialize(e);
    }

    /// <summary>
    /// The keys of many leads about to be written (a bulk import's batch), created where missing in one call to the key
    /// store; hand each to <see cref="Seal"/>. Not cached: a batch of new leads is written once.
    /// </summary>
    public Task<IReadOnlyList<LeadKeyLookup>> KeysForAsync(IReadOnlyList<long> leadIds, CancellationToken cancellationToken) =>
        _keys.GetOrCreateManyAsync(leadIds, cancellationToken);

    /// <summary>
    /// The stored form of an event sealed with <paramref name="lookup"/>, the lead's key from <see cref="KeysForAsync"/>;
    /// throws <see cref="LeadErasedException"/> when the lead's key was deleted.
    /// </summary>
    public static byte[] Seal(ILeadEvent e, LeadKeyLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(lookup);
        var data = LeadEventSerializer.Serialize(e);
        var typeName = LeadEventTypes.Of(e);
        if (!CarriesPersonalData(typeName))
        {
            return data;
        }

        if (lookup.Key is not { } key || lookup.LeadId != e.LeadId)
        {
            throw lookup.LeadId == e.LeadId ? new LeadErasedException(e.LeadId) : new ArgumentException($"the key of lead {lookup.LeadId} cannot seal an event of lead {e.LeadId}", nameof(lookup));
        }

        var json = JsonNode.Parse(data)!.AsObject();
        foreach (var field in PersonalData.Fields)
        {
            if (json[field] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                json[field] = PersonalDataCipher.Seal(key.Span, e.LeadId, typeName, field, text);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(json);
    }

    /// <summary>
    /// The event's JSON with its personal fields in the clear, or <see cref="PersonalData.Erased"/> when the lead was
    /// forgotten. Events without personal data come back as stored. Tampered ciphertext throws
    /// (<see cref="System.Security.Cryptography.CryptographicException"/>): that is corruption, not erasure.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> RevealAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!LeadStream.TryParseId(recorded.StreamId, out var leadId))
        {
            return recorded.Data;
        }

        if (recorded.EventType == LeadEventTypes.LeadForgotten)
        {
            _cache.Remember(LeadKeyLookup.Erased(new KeyErasure(leadId, recorded.Created, "", "")));
            return recorded.Data;
        }

        if (!CarriesPersonalData(recorded.EventType))
        {
            return recorded.Data;
        }

        // Plaintext written before sealing, of a lead not forgotten, comes back as stored. Whether a lead without any
        // sealed value has a key or tombstone is remembered for the cache's time to live, so folding a long plaintext
        // stream asks the key store once, not once per event.
        var plaintext = recorded.Data.Span.IndexOf(SealedValueStart) < 0;
        if (plaintext && _cache.Find(leadId) is null && _cache.KnownWithoutKey(leadId))
        {
            return recorded.Data;
        }

        var lookup = await LookupAsync(leadId, create: false, cancellationToken).ConfigureAwait(false);
        if (lookup is { Key: null, IsErased: false })
        {
            _cache.RememberWithoutKey(leadId);
        }

        if (!lookup.IsErased && plaintext)
        {
            return recorded.Data;
        }

        var json = JsonNode.Parse(recorded.Data.Span) as JsonObject;
        if (json is null)
        {
            return recorded.Data;
        }

        var changed = false;
        foreach (var field in PersonalData.Fields)
        {
            if (json[field] is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                continue;
            }

            string? revealed = lookup switch
            {
                { IsErased: true } => PersonalData.Erased,
                { Key: { } key } when PersonalDataCipher.IsSealed(text) => PersonalDataCipher.Open(key.Span, leadId, recorded.EventType, field, text),
                _ when PersonalDataCipher.IsSealed(text) => PersonalData.Erased,
                _ => null,
            };
            if (revealed is not null)
            {
                json[field] = revealed;
                changed = true;
            }
        }

        return changed ? JsonSerializer.SerializeToUtf8Bytes(json) : recorded.Data;
    }

    /// <summary>
    /// Reads, in one key-store round trip, the keys of the leads whose personal data <paramref name="events"/> carry and
    /// this process does not hold: a projector calls it once per batch, so that revealing the batch's events one by one
    /// finds every key in memory. Only a speed-up: what it does not find, <see cref="RevealAsync"/> still asks for.
    /// </summary>
    public async ValueTask PrefetchKeysAsync(IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var missing = new HashSet<long>();
        foreach (var recorded in events)
        {
            if (CarriesPersonalData(recorded.EventType) && LeadStream.TryParseId(recorded.StreamId, out var leadId)
                && _cache.Find(leadId) is null && !_cache.KnownWithoutKey(leadId))
            {
                missing.Add(leadId);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        foreach (var (leadId, lookup) in await _keys.GetManyAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            if (lookup is { Key: null, IsErased: false })
            {
                _cache.RememberWithoutKey(leadId);
            }
            else
            {
                _cache.Remember(lookup);
            }
        }
    }

    /// <summary>The lead event a recorded event holds, personal data revealed (see <see cref="RevealAsync"/>); null when not a lead event.</summary>
    public async Task<ILeadEvent?> ReadAsync(RecordedEvent recorded, CancellationToken cancellationToken)
    {
        var data = await RevealAsync(recorded, cancellationToken).ConfigureAwait(false);
        return LeadEventSerializer.Deserialize(recorded.EventType, data.Span);
    }

    /// <summary>
    /// A digest of <paramref name="text"/> (e.g. a command fingerprint over personal fields) under a key derived from the
    /// lead's data key: it can be compared while the lead has its key and tells nothing once the key is deleted. Null
    /// when the lead has no key (erased, or none yet and <paramref name="create"/> is false).
    /// </summary>
    public async Task<string?> KeyedDigestAsync(long leadId, string text, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lookup = await LookupAsync(leadId, create, cancellationToken).ConfigureAwait(false);
        if (lookup.Key is not { } key)
        {
            return null;
        }

        Span<byte> digestKey = stackalloc byte[32];
        System.Security.Cryptography.HKDF.DeriveKey(
            System.Security.Cryptography.HashAlgorithmName.SHA256, key.Span, digestKey, salt: [], info: DigestInfo);
        var digest = System.Security.Cryptography.HMACSHA256.HashData(digestKey, System.Text.Encoding.UTF8.GetBytes(text));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(digestKey);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Deletes the lead's key (idempotent; the original erasure when it was deleted before) and never uses it again here.</summary>
    public async Task<KeyErasure> DeleteKeyAsync(KeyErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        _cache.Remember(LeadKeyLookup.Erased(erasure));
        var stored = await _keys.DeleteAsync(erasure, cancellationToken).ConfigureAwait(false);
        _cache.Remember(LeadKeyLookup.Erased(stored));
        return stored;
    }

    /// <summary>The key store's tombstone for the lead, when its key was deleted.</summary>
    public async Task<KeyErasure?> FindErasureAsync(long leadId, CancellationToken cancellationToken) =>
        (await _keys.GetAsync(leadId, cancellationToken).ConfigureAwait(false)).Erasure;

    /// <summary>Whether events of this stored type carry personal fields (every version of NameChanged and ContactInfoChanged).</summary>
    public static bool CarriesPersonalData(string typeName) => LeadEventTypes.CarriesPersonalData(typeName);

    private async Task<LeadKeyLookup> LookupAsync(long leadId, bool create, CancellationToken cancellationToken)
    {
        if (_cache.Find(leadId) is { } cached)
        {
            return cached;
        }

        var lookup = create
            ? await _keys.GetOrCreateAsync(leadId, cancellationToken).ConfigureAwait(false)
            : await _keys.GetAsync(leadId, cancellationToken).ConfigureAwait(false);
        _cache.Remember(lookup);
        return lookup;
    }
}
