using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>
/// Builds the container as usual, after taking gRPC's own method provider out of the final service collection and
/// handing it to <see cref="StrictParsingMethodProvider{TService}"/> as its fallback. Done here, at build time, because
/// every later <c>AddGrpc()</c> (health checks, JSON transcoding) registers gRPC's provider again.
/// </summary>
internal sealed class StrictGrpcServiceProviderFactory(ServiceProviderOptions options) : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        var builtIn = containerBuilder.Where(d =>
                d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" })
            .ToList();
        if (builtIn.Count == 0)
        {
            throw new InvalidOperationException("strict gRPC parsing needs AddGrpc (gRPC's method provider was not registered)");
        }

        foreach (var descriptor in builtIn)
        {
            containerBuilder.Remove(descriptor);
        }

        containerBuilder.AddSingleton(new DefaultMethodProvider(builtIn[0].ImplementationType!));
        return containerBuilder.BuildServiceProvider(options);
    }
}
