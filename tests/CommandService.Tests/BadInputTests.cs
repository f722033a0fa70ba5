using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.CommandService.Tests;

/// <summary>
/// Bad input for every field of every RPC: InvalidArgument naming the field (message and <c>field</c> trailer), and
/// nothing written. The lead exists, so only the input can be at fault.
/// </summary>
[Collection(CommandServiceCollection.Name)]
public sealed class BadInputTests(CommandServiceFixture fixture)
{
    private static readonly string TooLongName = new('n', 201);
    private static readonly string TooLongEmail = new string('e', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 4)) + ".com";

    public static TheoryData<string, string, string> Cases { get; } = new()
    {
        // rpc, field, bad value (for lead_id: the id; for command_id: the key)
        { "InitializeLead", "lead_id", "0" },
        { "InitializeLead", "lead_id", "-1" },
        { "InitializeLead", "lead_id", "-9223372036854775808" },
        { "InitializeLead", "name", "" },
        { "InitializeLead", "name", "   " },
        { "InitializeLead", "name", TooLongName },
        { "InitializeLead", "name", "Tab\there" },
        { "InitializeLead", "email", "" },
        { "InitializeLead", "email", "not-an-email" },
        { "InitializeLead", "email", "a@b" },
        { "InitializeLead", "email", "two@@example.com" },
        { "InitializeLead", "email", TooLongEmail },
        { "InitializeLead", "phone", "" },
        { "InitializeLead", "phone", "1234" },
        { "InitializeLead", "phone", "123456789012345678901" },
        { "InitializeLead", "phone", "03-CALL-ME" },
        { "InitializeLead", "phone", "12+345678" },
        { "InitializeLead", "command_id", new string('k', 101) },
        { "InitializeLead", "command_id", "ключ" },
        { "InitializeLead", "command_id", "line\nbreak" },
        { "ChangeName", "lead_id", "0" },
        { "ChangeName", "lead_id", "-5" },
        { "ChangeName", "name", "" },
        { "ChangeName", "name", TooLongName },
        { "ChangeName", "command_id", "tab\tkey" },
        { "ChangeContactInfo", "lead_id", "0" },
        { "ChangeContactInfo", "email", "" },
        { "ChangeContactInfo", "email", "user@example" },
        { "ChangeContactInfo", "email", TooLongEmail },
        { "ChangeContactInfo", "phone", "" },
        { "ChangeContactInfo", "phone", "1 2 3" },
        { "ChangeContactInfo", "phone", new string('1', 21) },
        { "ChangeContactInfo", "command_id", new string('x', 101) },
        { "ChangeStatus", "lead_id", "-1" },
        { "ChangeStatus", "status", "0" },
        { "ChangeStatus", "status", "99" },
        { "ChangeStatus", "status", "-3" },
        { "ChangeStatus", "command_id", "é" },
        { "SetFollowup", "lead_id", "0" },
        { "SetFollowup", "followup_on", "" },
        { "SetFollowup", "followup_on", "tomorrow" },
        { "SetFollowup", "followup_on", "2030-13-01" },
        { "SetFollowup", "followup_on", "2030-02-30" },
        { "SetFollowup", "followup_on", "2030-1-1" },
        { "SetFollowup", "followup_on", "30-01-01" },
        { "SetFollowup", "followup_on", "2030-01-01T10:00" },
        { "SetFollowup", "followup_on", "01/02/2030" },
        { "SetFollowup", "command_id", new string('y', 101) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_InvalidArgument_naming_the_field_and_writes_nothing(string rpc, string field, string value)
    {
        var leadId = fixture.NewLeadId();
        var client = fixture.Client;
        await client.InitializeAsync(leadId);
        await client.ChangeStatusAsync(leadId, LeadStatus.FollowUp);
        var head = await HeadAsync();

        var error = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => Send(client, rpc, leadId, field, value));

        Assert.Equal(field, error.Trailer("field"));
        Assert.Contains(field, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(head, await HeadAsync());
    }

    private static Task Send(LeadCommands.LeadCommandsClient client, string rpc, long leadId, string field, string value)
    {
        var id = field == "lead_id" ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : leadId;
        var key = field == "command_id" ? value : "";
        string Field(string name, string valid) => field == name ? value : valid;
        var token = TestContext.Current.CancellationToken;
        return rpc switch
        {
            "InitializeLead" => client.InitializeLeadAsync(
                new InitializeLeadRequest
                {
                    LeadId = id,
                    Name = Field("name", "Valid Name"),
                    Email = Field("email", "valid@example.com"),
                    Phone = Field("phone", "+972 (3) 555-1234"),
                    CommandId = key,
                },
                cancellationToken: token).ResponseAsync,
            "ChangeName" => client.ChangeNameAsync(
                new ChangeNameRequest { LeadId = id, Name = Field("name", "Other Name"), CommandId = key },
                cancellationToken: token).ResponseAsync,
            "ChangeContactInfo" => client.ChangeContactInfoAsync(
                new ChangeContactInfoRequest
                {
                    LeadId = id,
                    Email = Field("email", "other@example.com"),
                    Phone = Field("phone", "050.813.9904"),
                    CommandId = key,
                },
                cancellationToken: token).ResponseAsync,
            "ChangeStatus" => client.ChangeStatusAsync(
                new ChangeStatusRequest
                {
                    LeadId = id,
                    Status = field == "status" ? (LeadStatus)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : LeadStatus.Closed,
                    CommandId = key,
                },
                cancellationToken: token).ResponseAsync,
            "SetFollowup" => client.SetFollowupAsync(
                new SetFollowupRequest { LeadId = id, FollowupOn = Field("followup_on", "2030-06-15"), CommandId = key },
                cancellationToken: token).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, "unknown RPC"),
        };
    }

    private async Task<EventStore.GlobalPosition?> HeadAsync()
    {
        await using var store = fixture.OpenStore();
        return await store.HeadAsync();
    }
}
