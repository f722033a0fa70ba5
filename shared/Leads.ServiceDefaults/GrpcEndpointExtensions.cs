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
    /// </summary>
    public static WebApplicationBuilder ListenForGrpc(this WebApplicationBuilder builder, string defaultUrl)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[WebHostDefaults.ServerUrlsKey])
            && !config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        if (string.IsNullOrWhiteSpace(config["Kestrel:EndpointDefaults:Protocols"]))
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        return builder;
    }
}
