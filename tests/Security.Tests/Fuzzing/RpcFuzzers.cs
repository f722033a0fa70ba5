using Leads.Contracts.V1;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The generator table: one entry per RPC of leads.v1 (LeadCommands, LeadQueries, ProjectionAdmin, LeadAnalytics), by full method
/// name. An RPC added to a proto needs one entry here; a test fails while any RPC has none.
/// </summary>
public static class RpcFuzzers
{
    public static IReadOnlyDictionary<string, RpcFuzzer> All { get; } = new Dictionary<string, RpcFuzzer>(StringComparer.Ordinal)
    {
        ["leads.v1.LeadCommands.InitializeLead"] = RpcFuzzer.Command(CommandShapes.InitializeLead),
        ["leads.v1.LeadCommands.ChangeName"] = RpcFuzzer.Command(CommandShapes.ChangeName),
        ["leads.v1.LeadCommands.ChangeContactInfo"] = RpcFuzzer.Command(CommandShapes.ChangeContactInfo),
        ["leads.v1.LeadCommands.ChangeStatus"] = RpcFuzzer.Command(CommandShapes.ChangeStatus),
        ["leads.v1.LeadCommands.SetFollowup"] = RpcFuzzer.Command(CommandShapes.SetFollowup),
        ["leads.v1.LeadCommands.ForgetLead"] = new((c, r) => PrivacyAttacks.Forget(c, r).Build(r), PrivacyAttacks.ForgetLead),
        ["leads.v1.LeadCommands.GetErasureReceipt"] = new((c, r) => new Fields().Int64(1, c.AnyLead(r)).Build(r), PrivacyAttacks.GetErasureReceipt),
        ["leads.v1.LeadCommands.PlanRetention"] = new((c, r) => [], []),
        // One row naming an existing lead: reported as rejected (the lead exists), so nothing is ever written.
        ["leads.v1.LeadCommands.ImportLeads"] = new(
            (c, r) => new Fields().Int64(1, 2).String(2, "Stefan Example").String(3, "stefan@old.example").String(4, "03-27243457").Int64(7, c.AnyLead(r)).Build(r), []),

        ["leads.v1.LeadQueries.GetLead"] = new((c, r) => new Fields().Int64(1, c.AnyLead(r)).Build(r), LeadQueriesAttacks.GetLead),
        ["leads.v1.LeadQueries.ListLeads"] = new((c, r) => new Fields().Int32(2, 10).String(3, c.ListToken).Build(r), LeadQueriesAttacks.ListLeads),
        ["leads.v1.LeadQueries.SearchLeads"] = new((c, r) => new Fields().String(1, "stefan@old.example").Int32(2, 10).Build(r), LeadQueriesAttacks.SearchLeads),
        ["leads.v1.LeadQueries.GetStatusHistory"] = new((c, r) => new Fields().Int64(1, c.AnyLead(r)).Build(r), LeadQueriesAttacks.GetStatusHistory),
        ["leads.v1.LeadQueries.GetLeadHistory"] = new(
            (c, r) => new Fields().Int64(1, c.HistoryTokenLead).Int32(2, 10).String(3, c.HistoryToken).Build(r), LeadQueriesAttacks.GetLeadHistory),
        ["leads.v1.LeadQueries.GetLeadAsOf"] = new(
            (c, r) => new Fields().Int64(1, c.AnyLead(r)).Message(2, Timestamps.Of(1_900_000_000, 5)).Build(r), LeadQueriesAttacks.GetLeadAsOf),
        ["leads.v1.LeadQueries.ExportLeadData"] = new((c, r) => new Fields().Int64(1, c.AnyLead(r)).Build(r), LeadQueriesAttacks.ExportLeadData),
        ["leads.v1.LeadQueries.ListFollowups"] = new((c, r) => new Fields().String(1, "2016-11-01").Int32(3, 10).Build(r), FollowupAttacks.ListFollowups),

        ["leads.v1.LeadAnalytics.GetPipeline"] = AnalyticsAttacks.GetPipeline,
        ["leads.v1.LeadAnalytics.GetFunnel"] = AnalyticsAttacks.GetFunnel,
        ["leads.v1.LeadAnalytics.GetTimeInStatus"] = AnalyticsAttacks.OverPeriod,
        ["leads.v1.LeadAnalytics.GetFollowupDiscipline"] = AnalyticsAttacks.OverPeriod,
        ["leads.v1.LeadAnalytics.GetActivity"] = AnalyticsAttacks.OverPeriod,

        ["leads.v1.ProjectionAdmin.ListProjections"] = new((c, r) => [], ProjectionAdminAttacks.ListProjections),
        ["leads.v1.ProjectionAdmin.ResetProjection"] = new(
            (c, r) => new Fields().String(1, "lead-views").Message(4, Timestamps.Of(1_900_000_000, 0)).Build(r), ProjectionAdminAttacks.ResetProjection),
        ["leads.v1.ProjectionAdmin.PauseProjection"] = new((c, r) => new Fields().String(1, "lead-search").Build(r), ProjectionAdminAttacks.PauseProjection),
        ["leads.v1.ProjectionAdmin.ResumeProjection"] = new((c, r) => new Fields().String(1, "lead-search").Build(r), ProjectionAdminAttacks.ResumeProjection),
        ["leads.v1.ProjectionAdmin.ListParked"] = new((c, r) => new Fields().String(1, "lead-views").Int64(2, 1).Build(r), ProjectionAdminAttacks.ListParked),
        ["leads.v1.ProjectionAdmin.ReplayParked"] = new((c, r) => new Fields().String(1, "lead-views").Int64(2, 1).Build(r), ProjectionAdminAttacks.ReplayParked),
    };

    /// <summary>Every RPC the contract defines, as the generated service descriptors list them.</summary>
    public static IReadOnlyList<Google.Protobuf.Reflection.MethodDescriptor> ContractRpcs { get; } =
    [
        .. LeadCommands.Descriptor.Methods,
        .. LeadQueries.Descriptor.Methods,
        .. ProjectionAdmin.Descriptor.Methods,
        .. LeadAnalytics.Descriptor.Methods,
    ];
}
