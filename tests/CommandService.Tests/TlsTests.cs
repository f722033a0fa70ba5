using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>With a certificate configured the service speaks TLS only: a TLS channel that trusts it works, cleartext does not.</summary>
public sealed class TlsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task A_configured_certificate_puts_the_service_on_TLS(string format)
    {
        using var data = new TempDirectory();
        using var certificate = SelfSigned();
        var arguments = Write(certificate, format, data.Path);
        await using var service = await CommandServiceProcess.LaunchAsync(data.Path, Token, arguments);
        var address = new Uri($"https://127.0.0.1:{service.Port}");
        using var tls = TrustingOnly(certificate, address, TestTokens.AllRoles);

        await Eventually.IsTrueAsync(
            async () => (await new Health.HealthClient(tls).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: Token)).Status
                == HealthCheckResponse.Types.ServingStatus.Serving,
            TimeSpan.FromSeconds(60), $"the service serving over TLS ({service.Output})", Token);
        var reply = await new LeadCommands.LeadCommandsClient(tls).InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = 1, Name = "Ada", Email = "ada@example.com", Phone = "12345" }, cancellationToken: Token);

        Assert.Equal(3ul, reply.Revision);
        using var cleartext = TestTokens.Channel(new Uri($"http://127.0.0.1:{service.Port}"), TestTokens.AllRoles);
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(cleartext)
            .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: Token).ResponseAsync);
        Assert.NotEqual(StatusCode.OK, refused.StatusCode);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=leads-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static string[] Write(X509Certificate2 certificate, string format, string directory)
    {
        if (format == "pfx")
        {
            var pfx = Path.Combine(directory, "server.pfx");
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "s3cret"));
            return [$"--Tls:CertificatePath={pfx}", "--Tls:CertificatePassword=s3cret"];
        }

        var cert = Path.Combine(directory, "server.crt");
        var key = Path.Combine(directory, "server.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return [$"--Tls:CertificatePath={cert}", $"--Tls:KeyPath={key}"];
    }

    /// <summary>A channel that trusts exactly <paramref name="certificate"/> (pinned by thumbprint), not the machine's roots.</summary>
    private static GrpcChannel TrustingOnly(X509Certificate2 certificate, Uri address, string token)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString() },
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(token, handler), DisposeHttpClient = true });
    }
}
