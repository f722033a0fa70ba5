using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

public sealed class ChangeNameSpecs
{
    [Fact]
    public void A_new_name_is_recorded() =>
        Spec.Given(Leads.Initialized).When(new ChangeName(Leads.Id, "Stefan Müller")).Then(new NameChanged(Leads.Id, "Stefan Müller"));

    [Fact]
    public void The_same_name_is_a_no_op() =>
        Spec.Given(Leads.Initialized).When(new ChangeName(Leads.Id, " Stefan ")).ThenNothing();

    [Fact]
    public void A_missing_lead_is_not_found() =>
        Spec.Given().When(new ChangeName(99, "Ann")).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void An_empty_name_is_refused() =>
        Spec.Given(Leads.Initialized).When(new ChangeName(Leads.Id, "")).ThenFails(DomainErrorKind.InvalidArgument, "name");
}

public sealed class ChangeContactInfoSpecs
{
    [Fact]
    public void New_contact_info_is_recorded_lower_cased_with_digits() =>
        Spec.Given(Leads.Initialized).When(new ChangeContactInfo(Leads.Id, "Stefan@New.Example", "050-8139904"))
            .Then(new ContactInfoChanged(Leads.Id, "stefan@new.example", "050-8139904", "0508139904"));

    [Fact]
    public void The_same_contact_info_is_a_no_op() =>
        Spec.Given(Leads.Initialized).When(new ChangeContactInfo(Leads.Id, "STEFAN@old.example", "03-27243457")).ThenNothing();

    [Fact]
    public void A_missing_lead_is_not_found() =>
        Spec.Given().When(new ChangeContactInfo(99, "a@b.example", "12345")).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void A_bad_email_is_refused() =>
        Spec.Given(Leads.Initialized).When(new ChangeContactInfo(Leads.Id, "nope", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "email");

    [Fact]
    public void A_bad_phone_is_refused() =>
        Spec.Given(Leads.Initialized).When(new ChangeContactInfo(Leads.Id, "a@b.example", "12")).ThenFails(DomainErrorKind.InvalidArgument, "phone");
}

public sealed class ChangeStatusSpecs
{
    [Theory]
    [InlineData(LeadStatus.FollowUp)]
    [InlineData(LeadStatus.Closed)]
    [InlineData(LeadStatus.Converted)]
    public void Available_may_move_to_any_other_status(LeadStatus to) =>
        Spec.Given(Leads.Initialized).When(new ChangeStatus(Leads.Id, to)).Then(new StatusChanged(Leads.Id, to));

    [Fact]
    public void The_same_status_is_a_no_op() =>
        Spec.Given(Leads.Initialized).When(new ChangeStatus(Leads.Id, LeadStatus.Available)).ThenNothing();

    [Theory]
    [InlineData(LeadStatus.Available)]
    [InlineData(LeadStatus.FollowUp)]
    [InlineData(LeadStatus.Closed)]
    public void Converted_is_final(LeadStatus to) =>
        Spec.Given(Leads.With(new StatusChanged(Leads.Id, LeadStatus.Converted))).When(new ChangeStatus(Leads.Id, to))
            .ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void Closed_may_be_reopened_to_available() =>
        Spec.Given(Leads.With(new StatusChanged(Leads.Id, LeadStatus.Closed))).When(new ChangeStatus(Leads.Id, LeadStatus.Available))
            .Then(new StatusChanged(Leads.Id, LeadStatus.Available));

    [Theory]
    [InlineData(LeadStatus.FollowUp)]
    [InlineData(LeadStatus.Converted)]
    public void Closed_moves_only_back_to_available(LeadStatus to) =>
        Spec.Given(Leads.With(new StatusChanged(Leads.Id, LeadStatus.Closed))).When(new ChangeStatus(Leads.Id, to))
            .ThenFails(DomainErrorKind.FailedPrecondition);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-3)]
    public void An_unknown_status_is_refused(int status) =>
        Spec.Given(Leads.Initialized).When(new ChangeStatus(Leads.Id, (LeadStatus)status)).ThenFails(DomainErrorKind.InvalidArgument, "status");

    [Fact]
    public void A_missing_lead_is_not_found() =>
        Spec.Given().When(new ChangeStatus(99, LeadStatus.Closed)).ThenFails(DomainErrorKind.NotFound);
}

public sealed class SetFollowupSpecs
{
    [Fact]
    public void A_follow_up_is_set_while_in_follow_up() =>
        Spec.Given(Leads.InFollowUp()).When(new SetFollowup(Leads.Id, "2016-11-23"))
            .Then(new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)));

    [Fact]
    public void The_same_date_is_a_no_op() =>
        Spec.Given(Leads.InFollowUp(new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)))).When(new SetFollowup(Leads.Id, "2016-11-23"))
            .ThenNothing();

    [Theory]
    [InlineData(LeadStatus.Available)]
    [InlineData(LeadStatus.Closed)]
    [InlineData(LeadStatus.Converted)]
    public void A_follow_up_outside_follow_up_is_refused(LeadStatus status) =>
        Spec.Given(Leads.With(new StatusChanged(Leads.Id, status))).When(new SetFollowup(Leads.Id, "2016-11-23"))
            .ThenFails(DomainErrorKind.FailedPrecondition);

    [Theory]
    [InlineData("")]
    [InlineData("2016-11-31")]
    [InlineData("2016-1-23")]
    [InlineData("23.11.2016")]
    [InlineData("2016-11-23T10:00:00Z")]
    [InlineData(" 2016-11-23")]
    [InlineData("tomorrow")]
    public void A_date_that_is_not_yyyy_mm_dd_is_refused(string date) =>
        Spec.Given(Leads.InFollowUp()).When(new SetFollowup(Leads.Id, date)).ThenFails(DomainErrorKind.InvalidArgument, "followup_on");

    [Fact]
    public void A_missing_lead_is_not_found() =>
        Spec.Given().When(new SetFollowup(99, "2016-11-23")).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void Leaving_follow_up_clears_the_date()
    {
        var state = LeadState.Fold(Leads.InFollowUp(new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)), new StatusChanged(Leads.Id, LeadStatus.Available)));
        Assert.Null(state.FollowupOn);
    }

    [Fact]
    public void Returning_to_follow_up_does_not_bring_the_old_date_back() =>
        Spec.Given(Leads.InFollowUp(
                new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)),
                new StatusChanged(Leads.Id, LeadStatus.Available),
                new StatusChanged(Leads.Id, LeadStatus.FollowUp)))
            .When(new SetFollowup(Leads.Id, "2016-11-23"))
            .Then(new FollowupSet(Leads.Id, new DateOnly(2016, 11, 23)));
}
