using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Views;

namespace Projections.Tests.Specifications;

/// <summary>Given the events of a lead, then its status log.</summary>
public sealed class StatusLogProjectionSpecs
{
    private static StatusLog Then(params ILeadEvent[] events) =>
        StatusLogProjection.Definition.Fold(LeadStream.Name(events[0].LeadId), Given.Events(events));

    [Fact]
    public void Lead_1410_logs_available_followup_converted_at_the_recorded_times()
    {
        var log = Then(Given.Lead1410);

        Assert.Equal(
            new StatusLog(1410,
            [
                new StatusLogEntry(LeadStatus.Available, Given.RecordedAt(2), GlobalPosition.FromSequence(3)),
                new StatusLogEntry(LeadStatus.FollowUp, Given.RecordedAt(4), GlobalPosition.FromSequence(5)),
                new StatusLogEntry(LeadStatus.Converted, Given.RecordedAt(7), GlobalPosition.FromSequence(8)),
            ]),
            log);
    }

    [Fact]
    public void Events_other_than_status_changes_leave_the_log_empty()
    {
        var log = Then(new LeadWasInitialized(7), new NameChanged(7, "A"), new ContactInfoChanged(7, "a@b.example", "12345", "12345"));

        Assert.Empty(log.Entries);
    }

    [Fact]
    public void Reopening_a_closed_lead_logs_both_changes()
    {
        var log = Then(new LeadWasInitialized(7), new StatusChanged(7, LeadStatus.Closed), new StatusChanged(7, LeadStatus.Available));

        Assert.Equal([LeadStatus.Closed, LeadStatus.Available], log.Entries.Select(e => e.Status));
    }

    [Fact]
    public void The_same_events_give_the_same_log_however_often_they_are_projected()
    {
        var events = Given.Events(Given.Lead1410);

        Assert.Equal(
            StatusLogProjection.Definition.Fold("lead-1410", events),
            StatusLogProjection.Definition.Fold("lead-1410", events));
    }

    [Fact]
    public void The_read_model_projection_feeds_both_view_and_log_from_one_event()
    {
        var model = LeadReadModelProjection.Definition.Fold("lead-1410", Given.Events(Given.Lead1410));

        Assert.Equal((LeadStatus.Converted, 3), (model.View.Status, model.StatusLog.Entries.Count));
    }
}
