using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>
/// gRPC reflection that also lists the services mapped through <see cref="StrictlyParsed{TService}"/>: gRPC's own
/// reflection finds a service's descriptor from the mapped type's generated base class, which the wrapper does not
/// have, so it would leave them out. Same lookup, with the wrapper unwrapped.
/// </summary>
internal static class ReflectedServices
{
    public static ReflectionServiceImpl Create(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>();
        var descriptors = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType)
            .OfType<Type>()
            .Select(Unwrapped)
            .Distinct()
            .Select(DescriptorOf)
            .OfType<Google.Protobuf.Reflection.ServiceDescriptor>()
            .DistinctBy(d => d.FullName)
            .ToList();
        return new ReflectionServiceImpl(descriptors);
    }

    private static Type Unwrapped(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(StrictlyParsed<>) ? type.GetGenericArguments()[0] : type;

    private static Google.Protobuf.Reflection.ServiceDescriptor? DescriptorOf(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                return bind.BindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Google.Protobuf.Reflection.ServiceDescriptor;
            }
        }

        return null;
    }
}
