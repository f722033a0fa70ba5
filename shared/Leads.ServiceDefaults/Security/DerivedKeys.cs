using System.Security.Cryptography;
using System.Text;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// Keys a service derives for its own purposes (HKDF-SHA256, one per purpose) from the symmetric token signing key
/// (<c>Auth:SigningKey</c>, or the development key in the data directory), so that the replicas and services on one
/// signing key agree without another secret to configure. With only <c>Auth:Authority</c> there is no shared symmetric
/// key: the root is random per process (<see cref="SharedAcrossProcesses"/> false).
/// </summary>
public sealed class DerivedKeys
{
    private readonly byte[] _root;

    public DerivedKeys(byte[]? signingKey)
    {
        SharedAcrossProcesses = signingKey is not null;
        _root = signingKey ?? RandomNumberGenerator.GetBytes(32);
    }

    public bool SharedAcrossProcesses { get; }

    /// <summary>A 256-bit key for <paramref name="purpose"/> (e.g. <c>page-tokens/v1</c>); never the signing key itself.</summary>
    public byte[] For(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _root, 32, salt: null, info: Encoding.UTF8.GetBytes("leads/" + purpose));
}
