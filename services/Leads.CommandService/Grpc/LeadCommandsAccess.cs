using Leads.Contracts.V1;
using Leads.ServiceDefaults.Security;

namespace Leads.CommandService.Grpc;

/// <summary>
/// Who may call each LeadCommands method: one line per RPC. Writers change leads; erasure is for admins. A new RPC gets
/// its line here (e.g. <c>["ForgetLead"] = RpcAuthorizationExtensions.Admins</c>); one without a line needs
/// leads.admin (fail closed), and tests/EndToEnd.Tests' role matrix fails until the RPC has an expected rule.
/// </summary>
public static class LeadCommandsAccess
{
    public static RpcAccessRules Rules { get; } = new(LeadCommands.Descriptor.FullName, new Dictionary<string, RpcAccess>
    {
        [nameof(LeadCommands.LeadCommandsBase.InitializeLead)] = RpcAuthorizationExtensions.Writers,
        [nameof(LeadCommands.LeadCommandsBase.ChangeName)] = RpcAuthorizationExtensions.Writers,
        [nameof(LeadCommands.LeadCommandsBase.ChangeContactInfo)] = RpcAuthorizationExtensions.Writers,
        [nameof(LeadCommands.LeadCommandsBase.ChangeStatus)] = RpcAuthorizationExtensions.Writers,
        [nameof(LeadCommands.LeadCommandsBase.SetFollowup)] = RpcAuthorizationExtensions.Writers,
        [nameof(LeadCommands.LeadCommandsBase.ImportLeads)] = RpcAuthorizationExtensions.Writers,
        ["ForgetLead"] = RpcAuthorizationExtensions.Admins,
        ["GetErasureReceipt"] = RpcAuthorizationExtensions.Admins,
        [nameof(LeadCommands.LeadCommandsBase.PlanRetention)] = RpcAuthorizationExtensions.Admins,
    });
}
