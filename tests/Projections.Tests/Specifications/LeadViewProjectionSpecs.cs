using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Views;

namespace Projections.Tests.Specifications;

/// <summary>Given the events of a lead, then its view.</summary>
public sealed class LeadViewProjectionSpecs
{
    private static LeadView Then(params ILeadEvent[] events) =>
        LeadViewProjection.Definition.Fold(LeadStream.Name(events[0].LeadId), Given.Events(events));

    [Fact]
    public void Lead_1410_ends_converted_with_its_new_contact_and_no_followup_date()
    {
        var view = Then(Given.Lead1410);

        Assert.Equal(
            new LeadView
            {
                LeadId = 1410,
                Exists = true,
                Name = "Stefan",
                Email = "stefan@new.example",
                Phone = "050-8139904",
                PhoneDigits = "0508139904",
                Status = LeadStatus.Converted,
                FollowupOn = null,
                Revision = 7,
                Position = GlobalPosition.FromSequence(8),
                CreatedAt = Given.RecordedAt(0),
                UpdatedAt = Given.RecordedAt(7),
            },
            view);
    }

    [Fact]
    public void Initialized_lead_exists_with_its_creation_time()
    {
        var view = Then(new LeadWasInitialized(7));

        Assert.Equal(new LeadView { LeadId = 7, Exists = true, CreatedAt = Given.RecordedAt(0), UpdatedAt = Given.RecordedAt(0), Position = GlobalPosition.FromSequence(1) }, view);
    }

    [Fact]
    public void Followup_date_is_kept_while_in_followup()
    {
        var view = Then(new LeadWasInitialized(7), new StatusChanged(7, LeadStatus.FollowUp), new FollowupSet(7, new DateOnly(2016, 11, 23)));

        Assert.Equal(new DateOnly(2016, 11, 23), view.FollowupOn);
    }

    [Fact]
    public void Leaving_followup_clears_the_followup_date()
    {
        var view = Then(new LeadWasInitialized(7), new StatusChanged(7, LeadStatus.FollowUp), new FollowupSet(7, new DateOnly(2016, 11, 23)), new StatusChanged(7, LeadStatus.Closed));

        Assert.Null(view.FollowupOn);
    }

    [Fact]
    public void Updated_time_revision_and_position_are_those_of_the_last_event()
    {
        var view = Then(new LeadWasInitialized(7), new NameChanged(7, "A"), new NameChanged(7, "B"));

        Assert.Equal((2UL, GlobalPosition.FromSequence(3), Given.RecordedAt(2), Given.RecordedAt(0)), (view.Revision, view.Position, view.UpdatedAt, view.CreatedAt));
    }

    [Fact]
    public void Contact_change_keeps_the_formatted_phone_and_its_digits()
    {
        var view = Then(new LeadWasInitialized(7), new ContactInfoChanged(7, "a@b.example", "(050) 813-9904", "0508139904"));

        Assert.Equal(("a@b.example", "(050) 813-9904", "0508139904"), (view.Email, view.Phone, view.PhoneDigits));
    }

    [Fact]
    public void Every_lead_event_type_has_a_handler()
    {
        Assert.All(
            new[] { typeof(LeadWasInitialized), typeof(NameChanged), typeof(ContactInfoChanged), typeof(StatusChanged), typeof(FollowupSet) },
            type => Assert.True(LeadViewProjection.Definition.Handles(type), type.Name));
    }

    [Fact]
    public void The_view_agrees_with_the_domain_state_fold()
    {
        var view = Then(Given.Lead1410);
        var state = LeadState.Fold(Given.Lead1410);

        Assert.Equal(state, view.ToState());
    }
}
