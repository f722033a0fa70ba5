using System.Security.Cryptography;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Every RPC of LeadCommands, LeadQueries, ProjectionAdmin and LeadAnalytics (taken from the service descriptors, so a new RPC shows up
/// here by itself) against every kind of caller: no token, expired, wrong signature, wrong audience, wrong issuer,
/// unsigned, every role that is not the RPC's (PermissionDenied), and its own role (allowed, in a <c>role</c> or a
/// <c>roles</c> claim). Requests are empty: an allowed call ends in the RPC's own answer (often InvalidArgument), never
/// in a write.
/// </summary>
public abstract class AuthorizationMatrixTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    /// <summary>The role each RPC needs. An RPC missing here fails the test: decide its role, here and in the service.</summary>
    private static readonly Dictionary<string, string> ExpectedRole = new(StringComparer.Ordinal)
    {
        ["leads.v1.LeadCommands/InitializeLead"] = LeadsRoles.Write,
        ["leads.v1.LeadCommands/ChangeName"] = LeadsRoles.Write,
        ["leads.v1.LeadCommands/ChangeContactInfo"] = LeadsRoles.Write,
        ["leads.v1.LeadCommands/ChangeStatus"] = LeadsRoles.Write,
        ["leads.v1.LeadCommands/SetFollowup"] = LeadsRoles.Write,
        ["leads.v1.LeadCommands/ForgetLead"] = LeadsRoles.Admin,
        ["leads.v1.LeadCommands/GetErasureReceipt"] = LeadsRoles.Admin,
        ["leads.v1.LeadCommands/PlanRetention"] = LeadsRoles.Admin,
        ["leads.v1.LeadCommands/ImportLeads"] = LeadsRoles.Write,
        ["leads.v1.LeadQueries/GetLead"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/ListLeads"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/SearchLeads"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/GetStatusHistory"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/GetLeadHistory"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/GetLeadAsOf"] = LeadsRoles.Read,
        ["leads.v1.LeadQueries/ExportLeadData"] = LeadsRoles.Admin,
        ["leads.v1.LeadQueries/ListFollowups"] = LeadsRoles.Read,
        ["leads.v1.ProjectionAdmin/ListProjections"] = LeadsRoles.Admin,
        ["leads.v1.ProjectionAdmin/ResetProjection"] = LeadsRoles.Admin,
        ["leads.v1.ProjectionAdmin/PauseProjection"] = LeadsRoles.Admin,
        ["leads.v1.ProjectionAdmin/ResumeProjection"] = LeadsRoles.Admin,
        ["leads.v1.ProjectionAdmin/ListParked"] = LeadsRoles.Admin,
        ["leads.v1.ProjectionAdmin/ReplayParked"] = LeadsRoles.Admin,
        ["leads.v1.LeadAnalytics/GetPipeline"] = LeadsRoles.Read,
        ["leads.v1.LeadAnalytics/GetFunnel"] = LeadsRoles.Read,
        ["leads.v1.LeadAnalytics/GetTimeInStatus"] = LeadsRoles.Read,
        ["leads.v1.LeadAnalytics/GetFollowupDiscipline"] = LeadsRoles.Read,
        ["leads.v1.LeadAnalytics/GetActivity"] = LeadsRoles.Read,
    };

    private static readonly ServiceDescriptor[] Services = [LeadCommands.Descriptor, LeadQueries.Descriptor, ProjectionAdmin.Descriptor, LeadAnalytics.Descriptor];

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static TheoryData<string, string> Rpcs()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in Services)
        {
            foreach (var method in service.Methods)
            {
                data.Add(service.FullName, method.Name);
            }
        }

        return data;
    }

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task Each_RPC_admits_only_valid_tokens_with_its_role(string service, string method)
    {
        var key = $"{service}/{method}";
        Assert.True(ExpectedRole.TryGetValue(key, out var role), $"{key} has no expected role in this test: decide who may call it");
        var descriptor = Services
            .Single(s => s.FullName == service).FindMethodByName(method);
        var address = service == LeadCommands.Descriptor.FullName ? platform.CommandService.Address : platform.QueryService.Address;

        var unauthenticated = new Dictionary<string, string?>
        {
            ["no token"] = null,
            ["expired"] = TestTokens.For([role], lifetime: TimeSpan.FromHours(1), issuedAt: DateTime.UtcNow.AddHours(-2)),
            ["wrong signature"] = TestTokens.For([role], key: RandomNumberGenerator.GetBytes(64)),
            ["wrong audience"] = TestTokens.For([role], audience: "someone-else"),
            ["wrong issuer"] = TestTokens.For([role], issuer: "https://evil.example"),
            ["unsigned (alg none)"] = RawTokens.Unsigned([role]),
            ["not a JWT"] = "not-a-token",
        };
        foreach (var (caller, token) in unauthenticated)
        {
            var (code, detail) = await CallAsync(address, descriptor, token);
            Assert.True(code == StatusCode.Unauthenticated, $"{key} with {caller}: expected Unauthenticated, got {code} ({detail})");
        }

        foreach (var other in LeadsRoles.All.Where(r => r != role).Select(r => new[] { r }).Append([]).Append(LeadsRoles.All.Where(r => r != role).ToArray()))
        {
            var (code, detail) = await CallAsync(address, descriptor, TestTokens.For(other));
            Assert.True(code == StatusCode.PermissionDenied, $"{key} with roles [{string.Join(", ", other)}]: expected PermissionDenied, got {code} ({detail})");
            Assert.Contains(role, detail, StringComparison.Ordinal);
        }

        foreach (var (caller, token) in new[] { ("role claim", TestTokens.For([role])), ("roles claim", RawTokens.WithRolesClaim([role])) })
        {
            var (code, detail) = await CallAsync(address, descriptor, token);
            Assert.True(code is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Internal or StatusCode.Unimplemented),
                $"{key} with {role} in its {caller}: expected the RPC's own answer, got {code} ({detail})");
        }
    }

    [Fact]
    public void Every_expected_rule_names_an_RPC_or_one_announced_for_erasure()
    {
        var known = Services
            .SelectMany(s => s.Methods.Select(m => $"{s.FullName}/{m.Name}")).ToHashSet();
        var announced = new[] { "leads.v1.LeadCommands/ForgetLead", "leads.v1.LeadCommands/GetErasureReceipt" };
        Assert.Empty(ExpectedRole.Keys.Except(known).Except(announced));
    }

    private async Task<(StatusCode Code, string Detail)> CallAsync(Uri address, MethodDescriptor descriptor, string? token)
    {
        using var channel = TestTokens.Channel(address, token);
        var method = new Method<byte[], byte[]>(MethodType.Unary, descriptor.Service.FullName, descriptor.Name, Bytes, Bytes);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: Cancel), []);
            return (StatusCode.OK, "");
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail);
        }
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : AuthorizationMatrixTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : AuthorizationMatrixTests(platform);
}
