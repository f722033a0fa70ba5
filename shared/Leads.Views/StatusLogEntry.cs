using Leads.Domain;
using Leads.EventStore;

namespace Leads.Views;

/// <summary>One status a lead took, when it was recorded (the event's time, never a projector's clock), and where.</summary>
public sealed record StatusLogEntry(LeadStatus Status, DateTimeOffset ChangedAt, GlobalPosition Position);
