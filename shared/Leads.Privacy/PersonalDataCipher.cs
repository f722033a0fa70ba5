using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Leads.Privacy;

/// <summary>
/// Seals one personal-data field with AES-256-GCM: a random 96-bit nonce per field, the lead id, event type and field
/// name as associated data (a value moved to another lead, event or field fails to open). The sealed form is text,
/// <c>pii1:</c> + base64(nonce | ciphertext | tag), so the stored event JSON stays readable.
/// </summary>
public static class PersonalDataCipher
{
    public const string Prefix = "pii1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Seal(ReadOnlySpan<byte> key, long leadId, string eventType, string field, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + clear.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceSize, clear.Length), sealedBytes.AsSpan(NonceSize + clear.Length), AssociatedData(leadId, eventType, field));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> when it was tampered with or belongs elsewhere.</summary>
    public static string Open(ReadOnlySpan<byte> key, long leadId, string eventType, string field, string sealedValue)
    {
        if (!IsSealed(sealedValue))
        {
            throw new CryptographicException($"{field} is not a sealed value");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedValue[Prefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException($"{field} is not a well-formed sealed value", ex);
        }

        if (bytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"{field} is too short to be a sealed value");
        }

        var length = bytes.Length - NonceSize - TagSize;
        var clear = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, length), bytes.AsSpan(NonceSize + length), clear, AssociatedData(leadId, eventType, field));
        return Encoding.UTF8.GetString(clear);
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(LeadKeyLookup.KeySize);

    private static byte[] AssociatedData(long leadId, string eventType, string field) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"lead-{leadId}|{eventType}|{field}"));
}
