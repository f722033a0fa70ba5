using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leads.ServiceDefaults.StrictParsing;

public static class StrictParsingEndpoints
{
    /// <summary>
    /// Lets <see cref="MapGrpcServiceStrictly{TService}"/> work (done by AddServiceDefaults, after AddGrpcReflection:
    /// the reflection service registered here, which also lists strictly parsed services, must be the last one).
    /// </summary>
    public static IServiceCollection AddStrictGrpcParsing(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(StrictParsingMethodProvider<>)));
        services.AddSingleton(ReflectedServices.Create);
        return services;
    }

    /// <summary>
    /// Maps the generated gRPC service <typeparamref name="TService"/> like <c>MapGrpcService</c>, except that a request
    /// body that is not a valid message is InvalidArgument rather than Unknown. Authorization attributes on the service
    /// and its methods apply as they would there; conventions (<c>RequireAuthorization</c> ...) chain the same way.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcServiceStrictly<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class =>
        endpoints.MapGrpcService<StrictlyParsed<TService>>();
}
