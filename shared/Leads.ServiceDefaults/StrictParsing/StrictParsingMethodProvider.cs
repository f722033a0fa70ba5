using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>
/// Takes the place of gRPC's own method discovery (<paramref name="defaultProvider"/>, its generic type definition):
/// a service mapped strictly gets its methods with request marshallers that refuse malformed bodies; every other
/// service (health, reflection) is discovered by gRPC's provider as before. The mapped type stays the real service,
/// so JSON transcoding, reflection and authorization attributes see it as they would without strict parsing.
/// </summary>
internal sealed class StrictParsingMethodProvider<TService>(IServiceProvider services, StrictServices strict, DefaultMethodProvider defaultProvider)
    : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        if (strict.Contains(typeof(TService)))
        {
            StrictBinder<TService>.Bind(context);
            return;
        }

        var fallback = (IServiceMethodProvider<TService>)ActivatorUtilities.CreateInstance(
            services, defaultProvider.OpenType.MakeGenericType(typeof(TService)));
        fallback.OnServiceMethodDiscovery(context);
    }
}

/// <summary>gRPC's own open generic method provider, taken out of the container so that ours can fall back to it.</summary>
internal sealed record DefaultMethodProvider(Type OpenType);
