using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>
/// The talk's lead 1410, written through the command service once per run: initialized with its old contact
/// (stefan@old.example, 03-27243457), Follow-up, follow-up on 2016-11-23, new contact (stefan@new.example,
/// 050-8139904), Converted. The replies are kept for the assertions. Written once per platform (the erasure tests run
/// a platform of their own, so forgetting 1410 there leaves the shared one as it was).
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

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<LeadPlatform, LeadStory> Written = [];

    public static async Task<LeadStory> WriteOnceAsync(LeadPlatform platform, CancellationToken cancellationToken)
    {
        await Once.WaitAsync(cancellationToken);
        try
        {
            if (!Written.TryGetValue(platform, out var story))
            {
                story = await WriteAsync(platform, cancellationToken);
                Written[platform] = story;
            }

            return story;
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<LeadStory> WriteAsync(LeadPlatform platform, CancellationToken cancellationToken)
    {
        var commands = platform.Commands;
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
        await platform.WaitForProjectionsAsync(converted.Position, cancellationToken);
        return new LeadStory(initialized, followUp, date, contact, converted);
    }
}
