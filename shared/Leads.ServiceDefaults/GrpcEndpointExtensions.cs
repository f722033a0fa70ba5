using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace Leads.ServiceDefaults;

public static class GrpcEndpointExtensions
{
    /// <summary>
    /// Listens on <paramref name="defaultUrl"/> unless <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c> say
    /// otherwise, and speaks HTTP/2 only (cleartext with prior knowledge, as gRPC clients speak it) unless
    /// <c>Kestrel:EndpointDefaults:Protocols</c> is set: Kestrel cannot offer HTTP/1.1 and HTTP/2 on one cleartext port.
    /// With a certificate configured (<see cref="TlsCertificate"/>) every endpoint speaks TLS instead (HTTP/2 by ALPN).
    /// </summary>
    public static WebApplicationBuilder ListenForGrpc(this WebApplicationBuilder builder, string defaultUrl)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[WebHostDefaults.ServerUrlsKey])
            && !config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        // One callback: Kestrel keeps only the last ConfigureEndpointDefaults.
        var http2Only = string.IsNullOrWhiteSpace(config["Kestrel:EndpointDefaults:Protocols"]);
        var certificate = TlsCertificate.From(config);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (http2Only)
            {
                listen.Protocols = HttpProtocols.Http2;
            }

            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        return builder;
    }

    /// <summary>TLS on every endpoint when a certificate is configured, for hosts that do not call <see cref="ListenForGrpc"/>.</summary>
    public static WebApplicationBuilder UseConfiguredTls(this WebApplicationBuilder builder)
    {
        if (TlsCertificate.From(builder.Configuration) is { } certificate)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseHttps(certificate)));
        }

        return builder;
    }
}
