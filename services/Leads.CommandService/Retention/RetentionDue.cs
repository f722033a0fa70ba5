using Google.Protobuf.WellKnownTypes;
using Leads.Contracts.V1;

namespace Leads.CommandService.Retention;

/// <summary>What the retention policy would forget now: its terms (null when off) and the leads due, oldest first.</summary>
public sealed record RetentionDue(double? ForgetClosedAfterDays, DateTimeOffset? ClosedBefore, IReadOnlyList<ClosedLead> Leads)
{
    public const int MaxListed = 10_000;

    public RetentionPlan ToProto()
    {
        var plan = new RetentionPlan { ForgetClosedAfterDays = ForgetClosedAfterDays ?? 0, Total = Leads.Count };
        if (ClosedBefore is { } closedBefore)
        {
            plan.ClosedBefore = Timestamp.FromDateTimeOffset(closedBefore);
        }

        plan.Leads.AddRange(Leads.Take(MaxListed).Select(l => new RetentionCandidate { LeadId = l.LeadId, ClosedSince = Timestamp.FromDateTimeOffset(l.ClosedSince) }));
        return plan;
    }
}
