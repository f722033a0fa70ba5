using System.Collections.Concurrent;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>The service types mapped with <see cref="StrictParsingEndpoints.MapGrpcServiceStrictly{TService}"/>.</summary>
public sealed class StrictServices
{
    private readonly ConcurrentDictionary<Type, bool> types = new();

    public void Add(Type serviceType) => types[serviceType] = true;

    public bool Contains(Type serviceType) => types.ContainsKey(serviceType);
}
