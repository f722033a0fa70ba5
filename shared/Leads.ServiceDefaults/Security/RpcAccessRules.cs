namespace Leads.ServiceDefaults.Security;

/// <summary>
/// The access rules of one gRPC service, by method name (e.g. <c>InitializeLead</c>), registered with
/// <see cref="RpcAuthorizationExtensions.AddRpcAccessRules"/>. A method of the service missing from
/// <paramref name="Methods"/> gets <paramref name="EveryOtherMethod"/>; without one it needs
/// <see cref="Leads.Security.LeadsRoles.Admin"/> (fail closed), so an RPC someone forgot is never open to writers.
/// </summary>
public sealed record RpcAccessRules(string Service, IReadOnlyDictionary<string, RpcAccess> Methods, RpcAccess? EveryOtherMethod = null)
{
    /// <summary>The gRPC path of a method, as the server sees it: <c>/package.Service/Method</c>.</summary>
    public static string PathOf(string service, string method) => $"/{service}/{method}";
}
