using Leads.Domain.Events;

namespace Leads.CommandService.ForgetLead;

/// <summary>A stored erasure: the LeadForgotten event (what, when, by whom, why) and where it was recorded.</summary>
public sealed record Erasure(LeadForgotten Event, ulong Revision, ulong Position);
