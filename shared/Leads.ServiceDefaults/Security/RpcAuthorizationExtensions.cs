using Leads.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.ServiceDefaults.Security;

/// <summary>Registers the access rules of a service's gRPC methods (see <see cref="RpcAccessRules"/>).</summary>
public static class RpcAuthorizationExtensions
{
    public static IServiceCollection AddRpcAccessRules(this IServiceCollection services, RpcAccessRules rules) =>
        services.AddSingleton(rules);

    /// <summary>
    /// The infrastructure every host maps: grpc.health.v1 is open to all (orchestrators probe it without a token);
    /// gRPC reflection needs a valid token but no role. The API's shape is no secret (the protos are published), but
    /// there is no reason to describe it to anonymous callers; <c>grpcurl -H "authorization: Bearer $(leads token)"</c>
    /// still lists it.
    /// </summary>
    internal static IServiceCollection AddInfrastructureAccessRules(this IServiceCollection services) =>
        services
            .AddRpcAccessRules(new RpcAccessRules("grpc.health.v1.Health", new Dictionary<string, RpcAccess>(), RpcAccess.Open))
            .AddRpcAccessRules(new RpcAccessRules("grpc.reflection.v1alpha.ServerReflection", new Dictionary<string, RpcAccess>(), RpcAccess.AnyCaller))
            .AddRpcAccessRules(new RpcAccessRules("grpc.reflection.v1.ServerReflection", new Dictionary<string, RpcAccess>(), RpcAccess.AnyCaller));

    /// <summary>The role rule for methods that change leads, read them, or operate the platform.</summary>
    public static RpcAccess Writers => RpcAccess.InRole(LeadsRoles.Write);

    public static RpcAccess Readers => RpcAccess.InRole(LeadsRoles.Read);

    public static RpcAccess Admins => RpcAccess.InRole(LeadsRoles.Admin);
}
