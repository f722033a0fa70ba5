using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Leads.ServiceDefaults;

/// <summary>
/// The server certificate from configuration, when one is configured: <c>Tls:CertificatePath</c> to a PKCS#12 file
/// (<c>.pfx</c>/<c>.p12</c>, password in <c>Tls:CertificatePassword</c>), or to a PEM certificate whose PEM private key
/// is <c>Tls:KeyPath</c>. With it, every endpoint of the service speaks TLS.
/// </summary>
public static class TlsCertificate
{
    public const string CertificatePathKey = "Tls:CertificatePath";
    public const string CertificatePasswordKey = "Tls:CertificatePassword";
    public const string KeyPathKey = "Tls:KeyPath";

    public static X509Certificate2? From(IConfiguration configuration)
    {
        if (configuration[CertificatePathKey] is not { Length: > 0 } path)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{CertificatePathKey} names no file", path);
        }

        var certificate = configuration[KeyPathKey] is { Length: > 0 } keyPath
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"the certificate in {path} has no private key: give the PEM key in {KeyPathKey}");
    }
}
