using Leads.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// Authorization for plain HTTP endpoints (gRPC methods use <see cref="RpcAccessRules"/>): one policy per role, named
/// as the role, e.g. <c>endpoint.RequireAuthorization(LeadsRoles.Read)</c>.
/// </summary>
public static class LeadsAuthorization
{
    public static IServiceCollection AddLeadsRolePolicies(this IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var role in LeadsRoles.All)
            {
                options.AddPolicy(role, policy => policy
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => CallerIdentity.Of(context.User) is not null && CallerIdentity.HasRole(context.User, role)));
            }
        });
}
