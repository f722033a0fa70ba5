using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Leads.ServiceDefaults.StrictParsing;

public static class StrictParsingEndpoints
{
    /// <summary>
    /// Lets <see cref="MapGrpcServiceStrictly{TService}"/> work (done by AddServiceDefaults): gRPC's own method discovery
    /// is replaced, when the container is built, by one that serves strictly mapped services strictly and defers to
    /// gRPC's for every other service.
    /// </summary>
    public static WebApplicationBuilder AddStrictGrpcParsing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StrictServices>();
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(StrictParsingMethodProvider<>));
        var development = builder.Environment.IsDevelopment();
        builder.Host.UseServiceProviderFactory(new StrictGrpcServiceProviderFactory(
            new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }));
        return builder;
    }

    /// <summary>
    /// Maps the generated gRPC service <typeparamref name="TService"/> like <c>MapGrpcService</c>, except that a request
    /// body that is not a valid message is InvalidArgument rather than Unknown. Everything else (authorization
    /// attributes, conventions such as <c>RequireAuthorization</c>, JSON transcoding, reflection) is as with MapGrpcService.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcServiceStrictly<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        endpoints.ServiceProvider.GetRequiredService<StrictServices>().Add(typeof(TService));
        return endpoints.MapGrpcService<TService>();
    }
}
