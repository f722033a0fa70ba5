using System.Text;
using System.Text.Json;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

public sealed class SerializationSpecs
{
    public static TheoryData<ILeadEvent> Events() => new(new ILeadEvent[]
    {
        new LeadWasInitialized(1410),
        new NameChanged(1410, "Stefan Müller"),
        new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(1410, LeadStatus.FollowUp),
        new FollowupSet(1410, new DateOnly(2016, 11, 23)),
        new LeadForgotten(1410, "customer asked", DateTimeOffset.UnixEpoch, "ops-anna", ["name"], ["NameChanged.v1@1"]),
    });

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_round_trips_under_its_stable_name(ILeadEvent e) =>
        Assert.Equal(
            Encoding.UTF8.GetString(LeadEventSerializer.Serialize(e)),
            Encoding.UTF8.GetString(LeadEventSerializer.Serialize(LeadEventSerializer.Deserialize(LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e))!)));

    [Fact]
    public void Every_registered_name_reads_as_a_lead_event() =>
        Assert.All(LeadEventTypes.All, name => Assert.True(LeadEventSerializer.IsLeadEvent(name), name));

    [Fact]
    public void Stored_names_are_explicit_and_versioned_never_clr_names() =>
        Assert.Equal(
            ["LeadWasInitialized.v1", "NameChanged.v1", "ContactInfoChanged.v1", "StatusChanged.v1", "FollowupSet.v1"],
            new ILeadEvent[] { new LeadWasInitialized(1), new NameChanged(1, "a"), new ContactInfoChanged(1, "a@b.c", "12345", "12345"), new StatusChanged(1, LeadStatus.Available), new FollowupSet(1, new DateOnly(2016, 11, 23)) }
                .Select(LeadEventTypes.Of));

    [Fact]
    public void The_stored_json_is_readable_on_its_own()
    {
        var json = Encoding.UTF8.GetString(LeadEventSerializer.Serialize(new StatusChanged(1410, LeadStatus.FollowUp)));

        Assert.Equal("""{"leadId":1410,"status":"FollowUp"}""", json);
    }

    [Fact]
    public void Events_stored_before_the_registration_table_read_the_same() =>
        Assert.Equal(
            new ILeadEvent?[] { new FollowupSet(1410, new DateOnly(2016, 11, 23)), new StatusChanged(1410, LeadStatus.FollowUp) },
            [
                LeadEventSerializer.Deserialize("FollowupSet.v1", """{"leadId":1410,"followupOn":"2016-11-23"}"""u8),
                LeadEventSerializer.Deserialize("StatusChanged.v1", """{"leadId":1410,"status":"FollowUp"}"""u8),
            ]);

    [Fact]
    public void A_followup_without_a_date_was_never_written_and_reads_as_corrupt_data() =>
        Assert.ThrowsAny<JsonException>(() => LeadEventSerializer.Deserialize(LeadEventTypes.FollowupSet, """{"leadId":1410,"followupOn":null}"""u8));

    [Theory]
    [InlineData("NameChanged.v1", true)]
    [InlineData("ContactInfoChanged.v1", true)]
    [InlineData("ContactInfoChanged", true)]
    [InlineData("StatusChanged.v1", false)]
    [InlineData("FollowupSet.v1", false)]
    [InlineData("LeadForgotten.v1", false)]
    public void The_table_says_which_events_hold_personal_data_in_every_version(string typeName, bool personal) =>
        Assert.Equal(personal, LeadEventTypes.CarriesPersonalData(typeName));

    [Fact]
    public void An_old_contact_event_without_digits_is_upcast()
    {
        var old = """{"leadId":1410,"email":"stefan@old.example","phone":"03-27243457"}"""u8.ToArray();

        Assert.Equal(new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"), LeadEventSerializer.Deserialize("ContactInfoChanged", old));
    }

    [Fact]
    public void A_name_that_is_not_a_lead_event_reads_as_null() =>
        Assert.Null(LeadEventSerializer.Deserialize("CommandHandled.v1", "{}"u8));

    [Fact]
    public void Corrupt_data_throws_rather_than_reading_as_empty() =>
        Assert.ThrowsAny<JsonException>(() => LeadEventSerializer.Deserialize(LeadEventTypes.NameChanged, """{"leadId":1}"""u8));
}
