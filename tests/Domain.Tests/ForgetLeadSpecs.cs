using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

public sealed class ForgetLeadSpecs
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private static ForgetLead Forget(long leadId = Leads.Id, string reason = "customer asked") =>
        new(leadId, reason, At, "ops-anna", ["NameChanged.v1@1"]);

    private static readonly ILeadEvent Forgotten = new LeadForgotten(Leads.Id, "customer asked", At, "ops-anna", ["name"], []);

    [Fact]
    public void Forgetting_records_LeadForgotten_with_the_receipt()
    {
        var decision = LeadDecider.Decide(Forget(), LeadState.Fold(Leads.Initialized));

        var e = Assert.IsType<LeadForgotten>(Assert.Single(decision.Value!));
        Assert.Equal((Leads.Id, "customer asked", At, "ops-anna"), (e.LeadId, e.Reason, e.ErasedAt, e.ErasedBy));
        Assert.Equal(["name", "email", "phone", "phone_digits"], e.ErasedFields);
        Assert.Equal(["NameChanged.v1@1"], e.ErasedEvents);
    }

    [Fact]
    public void Forgetting_a_forgotten_lead_is_a_no_op() =>
        Spec.Given(Leads.With(Forgotten)).When(Forget()).ThenNothing();

    [Fact]
    public void A_missing_lead_is_not_found() =>
        Spec.Given().When(Forget(99)).ThenFails(DomainErrorKind.NotFound);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_reason_is_required(string reason) =>
        Spec.Given(Leads.Initialized).When(Forget(reason: reason)).ThenFails(DomainErrorKind.InvalidArgument, "reason");

    [Fact]
    public void A_reason_over_500_characters_is_refused() =>
        Spec.Given(Leads.Initialized).When(Forget(reason: new string('r', 501))).ThenFails(DomainErrorKind.InvalidArgument, "reason");

    [Theory]
    [InlineData("customer\nasked")]
    [InlineData("asked\u0000")]
    [InlineData("\u001b[31mred")]
    public void A_reason_with_control_characters_is_refused(string reason) =>
        Spec.Given(Leads.Initialized).When(Forget(reason: reason)).ThenFails(DomainErrorKind.InvalidArgument, "reason");

    // Not theory data: xUnit would replace the lone surrogate when it serializes the case.
    [Fact]
    public void A_reason_with_a_lone_surrogate_is_refused() =>
        Spec.Given(Leads.Initialized).When(Forget(reason: "broken \ud800 surrogate")).ThenFails(DomainErrorKind.InvalidArgument, "reason");

    [Fact]
    public void A_forgotten_lead_takes_no_rename() =>
        Spec.Given(Leads.With(Forgotten)).When(new ChangeName(Leads.Id, "Back")).ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void A_forgotten_lead_takes_no_status_change() =>
        Spec.Given(Leads.With(Forgotten)).When(new ChangeStatus(Leads.Id, LeadStatus.Closed)).ThenFails(DomainErrorKind.FailedPrecondition);

    [Fact]
    public void A_forgotten_lead_cannot_be_initialized_again() =>
        Spec.Given(Leads.With(Forgotten)).When(new InitializeLead(Leads.Id, "Ann", "ann@example.com", "12345")).ThenFails(DomainErrorKind.AlreadyExists);

    [Fact]
    public void The_state_of_a_forgotten_lead_reads_erased()
    {
        var state = LeadState.Fold(Leads.With(Forgotten));

        Assert.Equal((true, PersonalData.Erased, PersonalData.Erased, PersonalData.Erased, ""), (state.Forgotten, state.Name, state.Email, state.Phone, state.PhoneDigits));
    }

    [Fact]
    public void LeadForgotten_round_trips_through_the_serializer()
    {
        var e = new LeadForgotten(Leads.Id, "asked", At, "ops", ["email"], ["ContactInfoChanged.v1@2"]);

        var read = Assert.IsType<LeadForgotten>(LeadEventSerializer.Deserialize(LeadEventTypes.LeadForgotten, LeadEventSerializer.Serialize(e)));

        Assert.Equal((e.LeadId, e.Reason, e.ErasedAt, e.ErasedBy), (read.LeadId, read.Reason, read.ErasedAt, read.ErasedBy));
        Assert.Equal(e.ErasedFields, read.ErasedFields);
        Assert.Equal(e.ErasedEvents, read.ErasedEvents);
    }
}
