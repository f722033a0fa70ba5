using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Leads.CommandService.Handling;

/// <summary>
/// A SHA-256 over the RPC name and every field exactly as sent (each length-prefixed, so no two commands share an
/// encoding). Two requests with the same fingerprint are the same command.
/// </summary>
public static class CommandFingerprint
{
    public static string Of(string rpc, params ReadOnlySpan<(string Name, string? Value)> fields)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, rpc);
        foreach (var (name, value) in fields)
        {
            Append(hash, name);
            if (value is null)
            {
                hash.AppendData([0]);
            }
            else
            {
                hash.AppendData([1]);
                Append(hash, value);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string? Text(ulong? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Append(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
