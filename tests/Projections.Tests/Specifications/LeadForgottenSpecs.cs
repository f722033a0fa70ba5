using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Views;

namespace Projections.Tests.Specifications;

/// <summary>Given lead 1410's events and LeadForgotten, then its view and status log hold no personal data.</summary>
public sealed class LeadForgottenSpecs
{
    private static readonly ILeadEvent[] Forgotten1410 =
    [
        .. Given.Lead1410,
        new LeadForgotten(1410, "asked", Given.RecordedAt(8), "ops", ["name", "email", "phone", "phone_digits"], ["NameChanged.v1@1"]),
    ];

    [Fact]
    public void The_view_of_a_forgotten_lead_keeps_no_name_email_or_phone()
    {
        var view = LeadViewProjection.Definition.Fold("lead-1410", Given.Events(Forgotten1410));

        Assert.Equal((PersonalData.Erased, PersonalData.Erased, PersonalData.Erased, "", true),
            (view.Name, view.Email, view.Phone, view.PhoneDigits, view.Forgotten));
    }

    [Fact]
    public void The_view_of_a_forgotten_lead_keeps_its_status_and_moves_to_the_event()
    {
        var view = LeadViewProjection.Definition.Fold("lead-1410", Given.Events(Forgotten1410));

        Assert.Equal((LeadStatus.Converted, 8ul, GlobalPosition.FromSequence(9), Given.RecordedAt(8)),
            ((LeadStatus)view.Status!, view.Revision, view.Position, view.UpdatedAt));
    }

    [Fact]
    public void The_status_log_of_a_forgotten_lead_keeps_its_statuses_and_times()
    {
        var before = StatusLogProjection.Definition.Fold("lead-1410", Given.Events(Given.Lead1410));

        var after = LeadReadModelProjection.Definition.Fold("lead-1410", Given.Events(Forgotten1410)).StatusLog;

        Assert.Equal(before, after);
    }

    [Fact]
    public void A_lead_that_was_not_forgotten_is_not_marked_forgotten()
    {
        var view = LeadViewProjection.Definition.Fold("lead-1410", Given.Events(Given.Lead1410));

        Assert.False(view.Forgotten);
    }
}
