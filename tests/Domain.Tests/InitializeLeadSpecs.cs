using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

public sealed class InitializeLeadSpecs
{
    [Fact]
    public void A_new_lead_records_initialized_name_contact_and_available() =>
        Spec.Given()
            .When(new InitializeLead(1410, "  Stefan  ", "Stefan@Old.Example", "03-27243457"))
            .Then(
                new LeadWasInitialized(1410),
                new NameChanged(1410, "Stefan"),
                new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"),
                new StatusChanged(1410, LeadStatus.Available));

    [Fact]
    public void An_existing_lead_cannot_be_initialized_again() =>
        Spec.Given(Leads.Initialized).When(new InitializeLead(Leads.Id, "Stefan", "s@x.example", "12345")).ThenFails(DomainErrorKind.AlreadyExists);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void The_lead_id_must_be_positive(long id) =>
        Spec.Given().When(new InitializeLead(id, "Stefan", "s@x.example", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "lead_id");

    [Fact]
    public void Bad_input_is_refused_even_for_an_existing_lead() =>
        Spec.Given(Leads.Initialized).When(new InitializeLead(Leads.Id, "", "s@x.example", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "name");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    public void An_invalid_name_is_refused(string name) =>
        Spec.Given().When(new InitializeLead(1, name, "s@x.example", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "name");

    [Fact]
    public void A_name_with_a_lone_surrogate_is_refused() =>
        Spec.Given().When(new InitializeLead(1, "lone " + (char)0xD800 + " surrogate", "s@x.example", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "name");

    [Fact]
    public void A_name_of_201_characters_is_refused() =>
        Spec.Given().When(new InitializeLead(1, new string('a', 201), "s@x.example", "12345")).ThenFails(DomainErrorKind.InvalidArgument, "name");

    [Fact]
    public void A_name_of_200_characters_is_accepted() =>
        Spec.Given().When(new InitializeLead(1, new string('a', 200), "s@x.example", "12345"))
            .Then(
                new LeadWasInitialized(1),
                new NameChanged(1, new string('a', 200)),
                new ContactInfoChanged(1, "s@x.example", "12345", "12345"),
                new StatusChanged(1, LeadStatus.Available));

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a@b")]
    [InlineData("a@@b.example")]
    [InlineData("a b@c.example")]
    [InlineData("a..b@c.example")]
    [InlineData("a@-b.example")]
    [InlineData("a@b.exa\nmple")]
    public void An_invalid_email_is_refused(string email) =>
        Spec.Given().When(new InitializeLead(1, "Stefan", email, "12345")).ThenFails(DomainErrorKind.InvalidArgument, "email");

    [Fact]
    public void An_email_over_254_characters_is_refused() =>
        Spec.Given().When(new InitializeLead(1, "Stefan", new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".example", "12345"))
            .ThenFails(DomainErrorKind.InvalidArgument, "email");

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("123456789012345678901")]
    [InlineData("12-34x56")]
    [InlineData("++12345")]
    [InlineData("12345+")]
    [InlineData("phone")]
    public void An_invalid_phone_is_refused(string phone) =>
        Spec.Given().When(new InitializeLead(1, "Stefan", "s@x.example", phone)).ThenFails(DomainErrorKind.InvalidArgument, "phone");

    [Theory]
    [InlineData("+1 (555) 010-9999", "15550109999")]
    [InlineData("050.813.9904", "0508139904")]
    [InlineData("12345", "12345")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public void A_phone_keeps_its_formatting_and_its_digits(string phone, string digits) =>
        Spec.Given().When(new InitializeLead(7, "Ann", "ann@x.example", phone))
            .Then(
                new LeadWasInitialized(7),
                new NameChanged(7, "Ann"),
                new ContactInfoChanged(7, "ann@x.example", phone, digits),
                new StatusChanged(7, LeadStatus.Available));
}
