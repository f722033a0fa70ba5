using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

/// <summary>
/// The talk's rule, given the lead's events, when a command arrives at the revision its caller saw: Aborted naming the
/// missed events it genuinely conflicts with, or rebased (decided on the current state) when none does. SetFollowup and
/// ChangeStatus conflict with StatusChanged and FollowupSet; ChangeName with NameChanged; ChangeContactInfo with
/// ContactInfoChanged; ForgetLead with nothing. Revisions: <see cref="Leads.Initialized"/> is 0..3.
/// </summary>
public sealed class ConflictMatrixSpecs
{
    private const ulong Initialized = 3;
    private static readonly DateOnly Nov23 = new(2016, 11, 23);
    private static readonly ILeadEvent Renamed = new NameChanged(Leads.Id, "Stefan Müller");
    private static readonly ILeadEvent NewContact = new ContactInfoChanged(Leads.Id, "stefan@new.example", "050-8139904", "0508139904");
    private static readonly ILeadEvent InFollowUp = new StatusChanged(Leads.Id, LeadStatus.FollowUp);
    private static readonly ILeadEvent FollowupNov23 = new FollowupSet(Leads.Id, Nov23);

    [Fact]
    public void A_followup_set_after_a_missed_status_change_is_aborted_naming_it() =>
        Spec.Given(Leads.InFollowUp(new StatusChanged(Leads.Id, LeadStatus.Closed)))
            .When(new SetFollowup(Leads.Id, "2016-11-23"), revision: 4)
            .ThenAborted("StatusChanged.v1@5");

    [Fact]
    public void A_followup_set_after_a_missed_followup_is_aborted_naming_it() =>
        Spec.Given(Leads.InFollowUp(new FollowupSet(Leads.Id, new DateOnly(2016, 12, 1))))
            .When(new SetFollowup(Leads.Id, "2016-11-23"), revision: 4)
            .ThenAborted("FollowupSet.v1@5");

    [Fact]
    public void A_followup_set_after_missed_name_and_contact_changes_is_rebased() =>
        Spec.Given(Leads.InFollowUp(Renamed, NewContact))
            .When(new SetFollowup(Leads.Id, "2016-11-23"), revision: 4)
            .ThenRebased(FollowupNov23);

    [Fact]
    public void A_status_change_after_missed_status_and_followup_changes_names_both_in_stream_order() =>
        Spec.Given(Leads.With(Renamed, InFollowUp, FollowupNov23))
            .When(new ChangeStatus(Leads.Id, LeadStatus.Closed), Initialized)
            .ThenAborted("StatusChanged.v1@5", "FollowupSet.v1@6");

    [Fact]
    public void A_status_change_after_missed_name_and_contact_changes_is_rebased() =>
        Spec.Given(Leads.With(Renamed, NewContact))
            .When(new ChangeStatus(Leads.Id, LeadStatus.Closed), Initialized)
            .ThenRebased(new StatusChanged(Leads.Id, LeadStatus.Closed));

    [Fact]
    public void A_name_change_after_a_missed_name_change_is_aborted_naming_it() =>
        Spec.Given(Leads.With(Renamed))
            .When(new ChangeName(Leads.Id, "Mine"), Initialized)
            .ThenAborted("NameChanged.v1@4");

    [Fact]
    public void A_name_change_after_missed_status_contact_and_followup_changes_is_rebased() =>
        Spec.Given(Leads.With(InFollowUp, FollowupNov23, NewContact))
            .When(new ChangeName(Leads.Id, "Mine"), Initialized)
            .ThenRebased(new NameChanged(Leads.Id, "Mine"));

    [Fact]
    public void A_contact_change_after_a_missed_contact_change_is_aborted_naming_it() =>
        Spec.Given(Leads.With(Renamed, NewContact))
            .When(new ChangeContactInfo(Leads.Id, "mine@example.com", "12345"), Initialized)
            .ThenAborted("ContactInfoChanged.v1@5");

    [Fact]
    public void A_contact_change_after_missed_name_status_and_followup_changes_is_rebased() =>
        Spec.Given(Leads.With(Renamed, InFollowUp, FollowupNov23))
            .When(new ChangeContactInfo(Leads.Id, "mine@example.com", "12345"), Initialized)
            .ThenRebased(new ContactInfoChanged(Leads.Id, "mine@example.com", "12345", "12345"));

    [Fact]
    public void Forgetting_conflicts_with_nothing_it_missed_and_is_rebased()
    {
        var forget = new ForgetLead(Leads.Id, "customer asked", DateTimeOffset.UnixEpoch, "ops-anna", []);

        var decision = ConcurrencyCheck.Decide(forget, 0, LeadHistory.Of(Leads.With(Renamed, NewContact, InFollowUp, FollowupNov23)));

        var accepted = Assert.IsType<CommandDecision.Accepted>(decision);
        Assert.Equal((true, typeof(LeadForgotten)), (accepted.Rebased, Assert.Single(accepted.Events).GetType()));
    }

    [Fact]
    public void A_command_that_missed_the_lead_being_forgotten_is_refused_as_forgotten() =>
        Spec.Given(Leads.With(new LeadForgotten(Leads.Id, "customer asked", DateTimeOffset.UnixEpoch, "ops-anna", ["name"], [])))
            .When(new ChangeStatus(Leads.Id, LeadStatus.Closed), Initialized)
            .ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void A_rebased_command_that_changes_nothing_on_the_current_state_is_a_rebased_no_op() =>
        Spec.Given(Leads.InFollowUp(FollowupNov23, Renamed))
            .When(new SetFollowup(Leads.Id, "2016-11-23"), revision: 5)
            .ThenRebased();

    [Fact]
    public void A_rebase_is_decided_by_the_rules_of_the_current_state() =>
        Spec.Given(Leads.With(new StatusChanged(Leads.Id, LeadStatus.Converted), Renamed))
            .When(new ChangeStatus(Leads.Id, LeadStatus.Closed), revision: 4)
            .ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void A_command_at_the_current_revision_is_decided_without_a_rebase() =>
        Spec.Given(Leads.Initialized)
            .When(new ChangeName(Leads.Id, "Mine"), Initialized)
            .Then(new NameChanged(Leads.Id, "Mine"));

    [Fact]
    public void An_expected_revision_ahead_of_the_stream_is_refused() =>
        Spec.Given(Leads.Initialized)
            .When(new ChangeName(Leads.Id, "Mine"), revision: 9)
            .ThenFails(DomainErrorKind.FailedPrecondition, "expected_revision");

    [Fact]
    public void An_expected_revision_on_a_lead_that_does_not_exist_is_refused() =>
        Spec.Given()
            .When(new ChangeName(Leads.Id, "Mine"), revision: 0)
            .ThenFails(DomainErrorKind.FailedPrecondition, "expected_revision");

    [Fact]
    public void Bad_input_is_refused_before_any_conflict_is_looked_for() =>
        Spec.Given(Leads.With(Renamed))
            .When(new ChangeName(Leads.Id, ""), Initialized)
            .ThenFails(DomainErrorKind.InvalidArgument, "name");

    [Fact]
    public void A_second_initialization_conflicts_with_everything_it_missed() =>
        Spec.Given(Leads.Initialized)
            .When(new InitializeLead(Leads.Id, "Ann", "a@b.example", "12345"), revision: 0)
            .ThenAborted("NameChanged.v1@1", "ContactInfoChanged.v1@2", "StatusChanged.v1@3");
}
