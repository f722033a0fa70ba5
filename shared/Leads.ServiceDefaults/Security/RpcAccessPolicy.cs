using Leads.Security;

namespace Leads.ServiceDefaults.Security;

/// <summary>Every registered <see cref="RpcAccessRules"/>, looked up by the call's method path.</summary>
public sealed class RpcAccessPolicy
{
    private static readonly RpcAccess FailClosed = RpcAccess.InRole(LeadsRoles.Admin);
    private readonly Dictionary<string, RpcAccess> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RpcAccess> _byService = new(StringComparer.Ordinal);

    public RpcAccessPolicy(IEnumerable<RpcAccessRules> rules)
    {
        foreach (var service in rules)
        {
            foreach (var (method, access) in service.Methods)
            {
                _byPath[RpcAccessRules.PathOf(service.Service, method)] = access;
            }

            if (service.EveryOtherMethod is { } rest)
            {
                _byService[service.Service] = rest;
            }
        }
    }

    /// <summary>The rule of <paramref name="methodPath"/> (<c>/package.Service/Method</c>); admin only when none applies.</summary>
    public RpcAccess For(string methodPath)
    {
        if (_byPath.TryGetValue(methodPath, out var access))
        {
            return access;
        }

        var slash = methodPath.IndexOf('/', 1);
        return slash > 1 && _byService.TryGetValue(methodPath[1..slash], out var rest) ? rest : FailClosed;
    }
}
