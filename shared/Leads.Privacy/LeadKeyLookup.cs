namespace Leads.Privacy;

/// <summary>What the key store holds for a lead: a 256-bit key, the tombstone of an erased one, or nothing.</summary>
public sealed record LeadKeyLookup(long LeadId, ReadOnlyMemory<byte>? Key, KeyErasure? Erasure)
{
    public const int KeySize = 32;

    public bool IsErased => Erasure is not null;

    public static LeadKeyLookup Found(long leadId, ReadOnlyMemory<byte> key) =>
        key.Length == KeySize ? new(leadId, key, null) : throw new ArgumentException($"a lead key is {KeySize} bytes (got {key.Length})", nameof(key));

    public static LeadKeyLookup Erased(KeyErasure erasure) => new(erasure.LeadId, null, erasure);

    public static LeadKeyLookup None(long leadId) => new(leadId, null, null);
}
