using Grpc.AspNetCore.Server.Model;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>
/// Registered for every service type: discovers the methods of <see cref="StrictlyParsed{TService}"/> wrappers and
/// leaves every other service (health, reflection) to gRPC's own discovery.
/// </summary>
internal sealed class StrictParsingMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var type = typeof(TService);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(StrictlyParsed<>))
        {
            return;
        }

        var discover = type.GetMethod(nameof(StrictlyParsed<object>.Discover), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        discover.Invoke(null, [context]);
    }
}
