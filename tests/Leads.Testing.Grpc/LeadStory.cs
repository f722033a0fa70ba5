using Leads.Contracts.V1;

namespace Leads.Testing.Grpc;

/// <summary>
/// The talk's lead 1410, written through the command service once per run: initialized with its old contact
/// (stefan@old.example, 03-27243457), Follow-up, follow-up on 2016-11-23, new contact (stefan@new.example,
/// 050-8139904), Converted. The replies are kept for the assertions. Every black-box suite writes it through its own
/// platform; the end-to-end suite adds a write-once per platform (<c>LeadStory.Once.cs</c> there).
/// </summary>
public sealed record LeadStory(
    LeadCommandReply Initialized,
    LeadCommandReply FollowUp,
    LeadCommandReply FollowupDate,
    LeadCommandReply NewContact,
    LeadCommandReply Converted)
{
    public const long LeadId = 1410;
    public const string OldPhone = "03-27243457";
    public const string NewPhone = "050-8139904";
    public const string OldEmail = "stefan@old.example";
    public const string NewEmail = "stefan@new.example";

    /// <summary>Writes the story; the caller waits for the projections (the last reply's position) as it needs.</summary>
    public static async Task<LeadStory> WriteAsync(LeadCommands.LeadCommandsClient commands, CancellationToken cancellationToken)
    {
        var initialized = await commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = LeadId, Name = "Stefan Müller", Email = OldEmail, Phone = OldPhone, CommandId = "e2e-1410-init",
        }, cancellationToken: cancellationToken);
        var followUp = await commands.ChangeStatusAsync(new ChangeStatusRequest
        {
            LeadId = LeadId, Status = LeadStatus.FollowUp, CommandId = "e2e-1410-follow-up",
        }, cancellationToken: cancellationToken);
        var date = await commands.SetFollowupAsync(new SetFollowupRequest
        {
            LeadId = LeadId, FollowupOn = "2016-11-23", CommandId = "e2e-1410-date",
        }, cancellationToken: cancellationToken);
        var contact = await commands.ChangeContactInfoAsync(new ChangeContactInfoRequest
        {
            LeadId = LeadId, Email = NewEmail, Phone = NewPhone, CommandId = "e2e-1410-contact",
        }, cancellationToken: cancellationToken);
        var converted = await commands.ChangeStatusAsync(new ChangeStatusRequest
        {
            LeadId = LeadId, Status = LeadStatus.Converted, CommandId = "e2e-1410-converted",
        }, cancellationToken: cancellationToken);
        return new LeadStory(initialized, followUp, date, contact, converted);
    }
}
