using System.Text;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationEvents.V1;
using Leads.IntegrationPublisher.Translation;
using TranslationResult = Leads.IntegrationPublisher.Translation.Translation;

namespace IntegrationEvents.Tests.Translation;

/// <summary>Given a recorded domain event, then these integration messages (the translator is a pure function).</summary>
public sealed class IntegrationMessageTranslatorSpecs
{
    private static readonly Guid EventId = Guid.Parse("6f1d9a52-3c1b-4c55-9a43-0d7f0c1e2a10");
    private static readonly DateTimeOffset Recorded = new(2016, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private static readonly EventMetadata Meta = new()
    {
        CorrelationId = "3b0e8f0a-77e0-4a8a-8d7c-1e9a2f5b6c4d",
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        TraceState = "leads=1",
    };

    [Fact]
    public void Initialized_lead_is_published_as_LeadInitialized_with_its_source()
    {
        var messages = Published(new LeadWasInitialized(1410));

        Assert.Equal([new LeadInitialized(1410, EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Name_change_is_published_as_LeadRenamed()
    {
        var messages = Published(new NameChanged(1410, "Stefan"));

        Assert.Equal([new LeadRenamed(1410, "Stefan", EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Contact_change_is_published_with_email_and_phone_as_entered()
    {
        var messages = Published(new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"));

        Assert.Equal([new LeadContactChanged(1410, "stefan@old.example", "03-27243457", EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Status_change_is_published_with_the_status_name()
    {
        var messages = Published(new StatusChanged(1410, LeadStatus.FollowUp));

        Assert.Equal([new LeadStatusChanged(1410, LeadStatuses.FollowUp, EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Conversion_yields_the_status_change_then_LeadConverted()
    {
        var messages = Published(new StatusChanged(1410, LeadStatus.Converted));

        Assert.Equal(
            [new LeadStatusChanged(1410, LeadStatuses.Converted, EventId, 42, Recorded), new LeadConverted(1410, EventId, 42, Recorded)],
            messages.Select(m => m.Message));
    }

    [Fact]
    public void The_two_messages_of_one_event_have_different_ids()
    {
        var messages = Published(new StatusChanged(1410, LeadStatus.Converted));

        Assert.NotEqual(messages[0].MessageId, messages[1].MessageId);
    }

    [Fact]
    public void Message_ids_derive_from_the_source_event_id_and_kind_so_a_replay_repeats_them()
    {
        var first = Published(new StatusChanged(1410, LeadStatus.Converted));
        var again = Published(new StatusChanged(1410, LeadStatus.Converted));

        Assert.Equal(first.Select(m => m.MessageId), again.Select(m => m.MessageId));
    }

    [Fact]
    public void Message_id_is_a_version_5_uuid_of_the_event_id_and_kind()
    {
        var id = MessageIds.For(EventId, "LeadConverted.v1");

        Assert.Equal(5, id.Version);
    }

    [Fact]
    public void Followup_date_is_published_as_LeadFollowupScheduled()
    {
        var messages = Published(new FollowupSet(1410, new DateOnly(2016, 11, 23)));

        Assert.Equal([new LeadFollowupScheduled(1410, new DateOnly(2016, 11, 23), EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Leaving_follow_up_while_a_followup_was_set_is_also_published_as_LeadFollowupCleared()
    {
        var messages = PublishedAfter(new StatusChanged(1410, LeadStatus.Closed), new StatusChanged(1410, LeadStatus.FollowUp), new FollowupSet(1410, new DateOnly(2016, 11, 23)));

        Assert.Equal(
            [new LeadStatusChanged(1410, LeadStatuses.Closed, EventId, 42, Recorded), new LeadFollowupCleared(1410, EventId, 42, Recorded)],
            messages.Select(m => m.Message));
    }

    [Fact]
    public void A_conversion_that_clears_a_followup_publishes_status_conversion_and_clearing()
    {
        var messages = PublishedAfter(new StatusChanged(1410, LeadStatus.Converted), new StatusChanged(1410, LeadStatus.FollowUp), new FollowupSet(1410, new DateOnly(2016, 11, 23)));

        Assert.Equal(["LeadStatusChanged.v1", "LeadConverted.v1", "LeadFollowupCleared.v1"], messages.Select(m => m.Kind));
    }

    [Fact]
    public void Leaving_follow_up_without_a_followup_clears_nothing()
    {
        var messages = PublishedAfter(new StatusChanged(1410, LeadStatus.Closed), new StatusChanged(1410, LeadStatus.FollowUp));

        Assert.Equal([new LeadStatusChanged(1410, LeadStatuses.Closed, EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void A_corrupt_earlier_status_change_does_not_stop_a_later_one_from_being_published()
    {
        var corrupt = Recorded_("lead-1410", LeadEventTypes.StatusChanged, "{not json"u8.ToArray(), Guid.NewGuid());
        var later = Recorded_("lead-1410", LeadEventTypes.StatusChanged, LeadEventSerializer.Serialize(new StatusChanged(1410, LeadStatus.Closed)));

        var translations = IntegrationMessageTranslator.TranslateAll([corrupt, later]).ToList();

        Assert.Equal(
            [new LeadStatusChanged(1410, LeadStatuses.Closed, EventId, 42, Recorded)],
            Assert.IsType<TranslationResult.Publish>(translations[1]).Messages.Select(m => m.Message));
    }

    [Fact]
    public void A_followup_cleared_earlier_is_not_cleared_again()
    {
        var messages = PublishedAfter(
            new StatusChanged(1410, LeadStatus.Closed),
            new StatusChanged(1410, LeadStatus.FollowUp),
            new FollowupSet(1410, new DateOnly(2016, 11, 23)),
            new StatusChanged(1410, LeadStatus.Available),
            new StatusChanged(1410, LeadStatus.FollowUp));

        Assert.Equal([new LeadStatusChanged(1410, LeadStatuses.Closed, EventId, 42, Recorded)], messages.Select(m => m.Message));
    }

    [Fact]
    public void Correlation_and_trace_context_are_carried_over_from_the_event_metadata()
    {
        var message = Published(new LeadWasInitialized(1410)).Single();

        Assert.Equal((Meta.CorrelationId, Meta.TraceParent, Meta.TraceState), (message.CorrelationId, message.TraceParent, message.TraceState));
    }

    [Fact]
    public void Corrupt_event_data_is_untranslatable()
    {
        var result = IntegrationMessageTranslator.Translate(Recorded_("lead-1410", LeadEventTypes.StatusChanged, "{not json"u8.ToArray()));

        Assert.IsType<TranslationResult.Untranslatable>(result);
    }

    [Fact]
    public void Unknown_event_type_in_a_lead_stream_is_untranslatable()
    {
        var result = IntegrationMessageTranslator.Translate(Recorded_("lead-1410", "LeadTeleported.v1", "{}"u8.ToArray()));

        Assert.IsType<TranslationResult.Untranslatable>(result);
    }

    [Fact]
    public void Event_naming_another_lead_than_its_stream_is_untranslatable()
    {
        var result = IntegrationMessageTranslator.Translate(Recorded_("lead-7", LeadEventTypes.LeadWasInitialized, LeadEventSerializer.Serialize(new LeadWasInitialized(1410))));

        Assert.IsType<TranslationResult.Untranslatable>(result);
    }

    [Fact]
    public void Events_outside_lead_streams_are_ignored()
    {
        var result = IntegrationMessageTranslator.Translate(Recorded_("command-abc", "CommandHandled.v1", Encoding.UTF8.GetBytes("{}")));

        Assert.IsType<TranslationResult.Ignore>(result);
    }

    private static IReadOnlyList<IntegrationMessage> Published(ILeadEvent e) =>
        Assert.IsType<TranslationResult.Publish>(
            IntegrationMessageTranslator.Translate(Recorded_(LeadStream.Name(e.LeadId), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e)))).Messages;

    /// <summary>The messages of <paramref name="e"/> in a stream where <paramref name="earlier"/> came before it.</summary>
    private static IReadOnlyList<IntegrationMessage> PublishedAfter(ILeadEvent e, params ILeadEvent[] earlier)
    {
        var stream = earlier.Select(x => Recorded_(LeadStream.Name(x.LeadId), LeadEventTypes.Of(x), LeadEventSerializer.Serialize(x), Guid.NewGuid()))
            .Append(Recorded_(LeadStream.Name(e.LeadId), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e)));
        return Assert.IsType<TranslationResult.Publish>(IntegrationMessageTranslator.TranslateAll(stream).Last()).Messages;
    }

    private static RecordedEvent Recorded_(string stream, string type, byte[] data, Guid? eventId = null) =>
        new(stream, 3, GlobalPosition.FromSequence(42), eventId ?? EventId, type, Recorded, data, Meta);


}
