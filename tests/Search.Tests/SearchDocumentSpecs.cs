using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Testing.Contracts;

namespace Leads.Search.Tests;

/// <summary>Given a lead's events, then its search document.</summary>
public sealed class SearchDocumentSpecs
{
    [Fact]
    public void Lead_1410_keeps_its_old_email_and_phone_as_historical()
    {
        var document = SearchLeads.Fold(1, SearchLeads.Story1410);

        Assert.Equal(
            [new KnownValue("stefan@old.example", "stefan@old.example", false), new KnownValue("stefan@new.example", "stefan@new.example", true)],
            document.Emails);
        Assert.Equal(
            [new KnownValue("03-27243457", "0327243457", false), new KnownValue("050-8139904", "0508139904", true)],
            document.Phones);
    }

    [Fact]
    public void Lead_1410_has_its_current_contact_and_status()
    {
        var document = SearchLeads.Fold(1, SearchLeads.Story1410);

        Assert.Equal(
            (1410L, "Stefan Müller", "stefan@new.example", "050-8139904", "0508139904", (LeadStatus?)LeadStatus.Converted),
            (document.LeadId, document.Name, document.Email, document.Phone, document.PhoneDigits, document.Status));
    }

    [Fact]
    public void The_document_holds_the_position_and_revision_of_its_last_event()
    {
        var document = SearchLeads.Fold(100, SearchLeads.Story1410);

        Assert.Equal((GlobalPosition.FromSequence(107), 7UL), (document.Position, document.Revision));
    }

    [Fact]
    public void A_name_change_keeps_the_old_name_as_historical()
    {
        var document = SearchLeads.Fold(1, [.. SearchLeads.Initialized(7, "Anna Smith", "anna@example.com", "0123456"), new NameChanged(7, "Anna Jones")]);

        Assert.Equal(
            [new KnownValue("Anna Smith", "anna smith", false), new KnownValue("Anna Jones", "anna jones", true)],
            document.Names);
    }

    [Fact]
    public void Name_keys_are_folded_words()
    {
        var document = SearchLeads.Fold(1, SearchLeads.Story1410);

        Assert.Equal("stefan muller", Assert.Single(document.Names).Key);
    }

    [Fact]
    public void Returning_to_an_old_email_makes_it_current_again_listed_once()
    {
        var document = SearchLeads.Fold(1,
        [
            .. SearchLeads.Initialized(7, "Anna", "a@one.example", "0123456"),
            new ContactInfoChanged(7, "a@two.example", "0123456", "0123456"),
            new ContactInfoChanged(7, "a@one.example", "0123456", "0123456"),
        ]);

        Assert.Equal(
            [new KnownValue("a@one.example", "a@one.example", true), new KnownValue("a@two.example", "a@two.example", false)],
            document.Emails);
    }

    [Fact]
    public void The_same_phone_digits_written_differently_are_one_phone_with_the_latest_writing()
    {
        var document = SearchLeads.Fold(1,
        [
            .. SearchLeads.Initialized(7, "Anna", "a@one.example", "03-27243457"),
            new ContactInfoChanged(7, "a@two.example", "03 2724 3457", "0327243457"),
        ]);

        Assert.Equal([new KnownValue("03 2724 3457", "0327243457", true)], document.Phones);
    }

    [Fact]
    public void An_old_contact_event_without_digits_gets_them_from_the_phone()
    {
        var document = SearchLeads.Fold(1, [new LeadWasInitialized(7), new ContactInfoChanged(7, "a@one.example", "(03) 2724-3457", "")]);

        Assert.Equal("0327243457", document.PhoneDigits);
    }

    [Fact]
    public void A_follow_up_date_does_not_touch_the_document()
    {
        var before = SearchLeads.Fold(1, [.. SearchLeads.Initialized(7, "Anna", "a@one.example", "0123456"), new StatusChanged(7, LeadStatus.FollowUp)]);
        var context = SearchLeads.Context("lead-7", 5, 6, new FollowupSet(7, new DateOnly(2016, 11, 23)));

        var after = LeadSearchProjection.Definition.Apply(before, new FollowupSet(7, new DateOnly(2016, 11, 23)), context);

        Assert.Equal(before, after);
    }

    [Fact]
    public void The_initial_document_takes_the_lead_id_from_the_stream()
    {
        Assert.Equal(1410, LeadSearchProjection.Initial("lead-1410").LeadId);
    }

    [Fact]
    public void Events_of_other_streams_are_not_decoded()
    {
        var recorded = new RecordedEvent("command-x", 0, GlobalPosition.FromSequence(1), Guid.NewGuid(), LeadEventTypes.NameChanged,
            DateTimeOffset.UnixEpoch, LeadEventSerializer.Serialize(new NameChanged(1, "x")), EventMetadata.Empty);

        Assert.Null(LeadSearchProjection.Decode(recorded));
    }

    [Fact]
    public void Lead_events_are_decoded_by_their_stored_name()
    {
        var recorded = new RecordedEvent("lead-1", 1, GlobalPosition.FromSequence(2), Guid.NewGuid(), LeadEventTypes.NameChanged,
            DateTimeOffset.UnixEpoch, LeadEventSerializer.Serialize(new NameChanged(1, "Anna")), EventMetadata.Empty);

        Assert.Equal(new NameChanged(1, "Anna"), LeadSearchProjection.Decode(recorded));
    }

    [Fact]
    public void LeadForgotten_drops_every_name_email_and_phone_current_and_historical()
    {
        var before = SearchLeads.Fold(1, SearchLeads.Story1410);

        var after = LeadSearchProjection.Evolve(before, new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["email"], []));

        Assert.Equal(("", "", "", "", 0, 0, 0), (after.Name, after.Email, after.Phone, after.PhoneDigits, after.Names.Count, after.Emails.Count, after.Phones.Count));
    }

    [Fact]
    public void Erased_values_read_in_a_replay_are_not_indexed()
    {
        var document = new LeadSearchDocument(1410);

        var after = LeadSearchProjection.Evolve(
            LeadSearchProjection.Evolve(document, new NameChanged(1410, Domain.PersonalData.Erased)),
            new ContactInfoChanged(1410, Domain.PersonalData.Erased, Domain.PersonalData.Erased, Domain.PersonalData.Erased));

        Assert.Equal(document, after);
    }
}
